import { describe, expect, it } from 'vitest';
import type { SubmissionReceipt } from '../../../protocol/submissions';
import { createTranslator } from '../../i18n/create-translator';
import { receiptContent } from './receipt-content';
import { receiptDocument } from './receipt-document';

const RECEIPT: SubmissionReceipt = {
  id: 'Xb3',
  linkId: 'l1',
  state: 'closed',
  startedAt: Date.UTC(2026, 2, 7, 9, 0),
  closedAt: Date.UTC(2026, 2, 7, 9, 5),
  closedBy: 'finish',
  closesAt: null,
  inFlight: 0,
  uploader: { name: '<b>Ana</b>', email: 'ana@example.com' },
  fields: { 'Student ID': 'S-1', 'Over 18': true },
  terms: null,
  files: [
    {
      key: 'uploads/l1/Xb3/a-report.pdf',
      name: 'scans/<img src=x onerror=alert(1)>.pdf',
      size: 70000,
      contentType: 'application/pdf',
      crc64: '1105',
      verifiedAt: 1,
    },
  ],
  failed: [
    { key: 'k2', name: 'never.txt', size: 9, contentType: 'text/plain', reason: 'not-completed' },
  ],
  totalBytes: 70000,
};

const COLUMNS = { name: 'File', size: 'Size', crc64: 'CRC-64', status: 'Status' };

describe('the saved receipt', () => {
  it('lists every file with size, CRC-64 and outcome, and the sender’s answers', () => {
    const t = createTranslator('en');
    const content = receiptContent(RECEIPT, { linkTitle: 'Theses', soFar: false }, t);
    expect(content.files.map((f) => [f.name, f.crc64, f.status])).toEqual([
      ['scans/<img src=x onerror=alert(1)>.pdf', '1105', 'Stored and verified'],
      ['never.txt', null, 'Failed: it did not arrive.'],
    ]);
    expect(content.sender).toEqual([
      { label: 'Name', value: '<b>Ana</b>' },
      { label: 'Email', value: 'ana@example.com' },
      { label: 'Student ID', value: 'S-1' },
      { label: 'Over 18', value: 'Yes' },
    ]);
    expect(content.totals).toEqual([
      `1 file, ${t.bytes(70000)}, stored and verified.`,
      '1 file failed.',
    ]);
  });

  it('escapes whatever the sender typed or named', () => {
    const t = createTranslator('en');
    const html = receiptDocument(
      receiptContent(RECEIPT, { linkTitle: 'Theses', soFar: false }, t),
      { lang: 'en', generated: 'now', columns: COLUMNS },
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>Ana');
    expect(html).toContain('scans/&lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(html).not.toMatch(/<script/i);
  });
});
