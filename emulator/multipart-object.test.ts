/**
 * A completed multipart upload is stored as its part files, linked into place rather than
 * copied (no second write of every byte): GET, ranges, HEAD, restart, overwrite and delete
 * must see exactly the object COS would have assembled.
 */
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { encodeKeyPath } from './cos-encoding';
import { cosRequest, md5hex, TEST_BUCKET, useTestEmulator } from './test-harness';

const MB = 1024 * 1024;

const t = useTestEmulator();

const bucketDir = () => path.join(t.dataDir, 'buckets', TEST_BUCKET);

/** Data files under a folder of the bucket, with their inode numbers. */
async function dataFiles(sub: 'objects' | 'uploads'): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.data')) out.set(full, (await stat(full)).ino);
    }
  };
  await walk(path.join(bucketDir(), sub));
  return out;
}

/** Uploads `parts` as a multipart object and completes it; returns the whole body. */
async function multipartObject(key: string, parts: Buffer[]): Promise<Buffer> {
  const init = await cosRequest(t, { method: 'POST', path: `${encodeKeyPath(key)}?uploads` });
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)![1]!;
  const etags: string[] = [];
  for (const [i, body] of parts.entries()) {
    const res = await cosRequest(t, {
      method: 'PUT',
      path: `${encodeKeyPath(key)}?partNumber=${i + 1}&uploadId=${uploadId}`,
      body,
    });
    expect(res.status).toBe(200);
    etags.push(String(res.headers.etag));
  }
  const partInodes = new Set((await dataFiles('uploads')).values());
  const done = await cosRequest(t, {
    method: 'POST',
    path: `${encodeKeyPath(key)}?uploadId=${uploadId}`,
    headers: { 'Content-Type': 'application/xml' },
    body: `<CompleteMultipartUpload>${etags
      .map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`)
      .join('')}</CompleteMultipartUpload>`,
  });
  expect(done.status).toBe(200);
  const whole = Buffer.concat(parts);
  expect(done.headers['x-cos-hash-crc64ecma']).toBe(crc64(whole));
  // The object's files are the very part files (same inodes): nothing was copied.
  const objectInodes = [...(await dataFiles('objects')).values()];
  for (const inode of partInodes) expect(objectInodes).toContain(inode);
  return whole;
}

const get = (key: string, headers: Record<string, string> = {}) =>
  cosRequest(t, { method: 'GET', path: encodeKeyPath(key), headers });

describe('multipart objects (parts linked, not copied)', () => {
  it('reads back byte for byte, whole and in ranges across part boundaries', async () => {
    const parts = [randomBytes(MB), randomBytes(MB + 7), randomBytes(4321)];
    const whole = await multipartObject('mpo/ranges.bin', parts);
    const res = await get('mpo/ranges.bin');
    expect(res.status).toBe(200);
    expect(md5hex(res.body)).toBe(md5hex(whole));
    const head = await cosRequest(t, { method: 'HEAD', path: encodeKeyPath('mpo/ranges.bin') });
    expect(head.headers['content-length']).toBe(String(whole.length));
    expect(head.headers['x-cos-hash-crc64ecma']).toBe(crc64(whole));
    const boundary = MB;
    for (const [range, start, end] of [
      ['bytes=0-0', 0, 0],
      [`bytes=${boundary - 3}-${boundary + 2}`, boundary - 3, boundary + 2], // across 1→2
      [`bytes=${boundary}-${2 * MB + 7}`, boundary, 2 * MB + 7], // exactly part 2, then 1 byte
      ['bytes=5-', 5, whole.length - 1],
      ['bytes=-10', whole.length - 10, whole.length - 1], // inside the last part
      [`bytes=${MB + 100}-${MB + 200}`, MB + 100, MB + 200], // inside one part
    ] as const) {
      const r = await get('mpo/ranges.bin', { Range: range });
      expect(r.status, range).toBe(206);
      expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(r.body.equals(whole.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('survives a restart of the emulator', async () => {
    const whole = await multipartObject('mpo/restart.bin', [randomBytes(MB), randomBytes(10)]);
    await t.restart();
    const res = await get('mpo/restart.bin');
    expect(res.status).toBe(200);
    expect(res.body.equals(whole)).toBe(true);
  });

  it('leaves no part file behind when overwritten or deleted', async () => {
    const before = (await dataFiles('objects')).size;
    await multipartObject('mpo/replace.bin', [randomBytes(MB), randomBytes(MB), randomBytes(1)]);
    expect((await dataFiles('objects')).size).toBe(before + 3);
    const put = await cosRequest(t, {
      method: 'PUT',
      path: encodeKeyPath('mpo/replace.bin'),
      body: 'small',
    });
    expect(put.status).toBe(200);
    expect((await dataFiles('objects')).size).toBe(before + 1);
    expect((await get('mpo/replace.bin')).text).toBe('small');
    await multipartObject('mpo/replace.bin', [randomBytes(MB), randomBytes(2)]);
    expect((await dataFiles('objects')).size).toBe(before + 2);
    const del = await cosRequest(t, { method: 'DELETE', path: encodeKeyPath('mpo/replace.bin') });
    expect(del.status).toBe(204);
    expect((await dataFiles('objects')).size).toBe(before);
    expect((await dataFiles('uploads')).size).toBe(0);
  });
});
