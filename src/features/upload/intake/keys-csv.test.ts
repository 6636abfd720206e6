import { describe, expect, it } from 'vitest';
import { fileEntry } from '../components/testing/fake-upload-engine';
import { uploadedKeysCsv } from './keys-csv';

describe('uploadedKeysCsv', () => {
  it('lists verified files with their keys, one CRLF line each', () => {
    const csv = uploadedKeysCsv([
      fileEntry({
        name: '报告 2024.pdf',
        relativePath: 'scans/',
        size: 2048,
        status: 'done',
        key: 'uploads/l1/scans/abc-报告 2024.pdf',
        crc64: '11051210869376104954',
        finishedAt: Date.UTC(2025, 0, 2, 3, 4, 5),
      }),
      fileEntry({ name: 'failed.txt', status: 'failed' }),
      fileEntry({ name: 'uploading.txt', status: 'uploading', key: 'uploads/l1/x-uploading.txt' }),
    ]);
    expect(csv).toBe(
      'name,folder,size_bytes,key,crc64,finished_at\r\n' +
        '报告 2024.pdf,scans/,2048,uploads/l1/scans/abc-报告 2024.pdf,11051210869376104954,2025-01-02T03:04:05.000Z\r\n',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses formula-like names', () => {
    const csv = uploadedKeysCsv([
      fileEntry({ name: 'a, "b".txt', status: 'done', key: 'k1', finishedAt: null }),
      fileEntry({ name: '=HYPERLINK("x")', status: 'done', key: 'k2', finishedAt: null }),
      fileEntry({ name: '-1+2.csv', status: 'done', key: 'k3', finishedAt: null }),
      fileEntry({ name: 'two\nlines', status: 'done', key: 'k4', finishedAt: null }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe('"a, ""b"".txt",,1000,k1,,');
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",,1000,k2,,`);
    expect(lines[3]).toBe("'-1+2.csv,,1000,k3,,");
    // A line break inside a quoted cell is data; only CRLF ends a record.
    expect(lines[4]).toBe('"two\nlines",,1000,k4,,');
  });

  it('is just the header when nothing has arrived yet', () => {
    expect(uploadedKeysCsv([])).toBe('name,folder,size_bytes,key,crc64,finished_at\r\n');
  });
});
