import type COS from 'cos-nodejs-sdk-v5';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { SDK_BUCKET as B, md5hex, sdkClient, useTestEmulator } from './test-harness';

/**
 * The official cos-nodejs-sdk-v5 as a client of the emulator: if the SDK (which real COS
 * accepts) works against the emulator, and tampered requests fail, the two agree.
 */

const t = useTestEmulator();
let cos: COS;

/** The SDK's error for a failing call (its promises reject with `{code, statusCode, …}`). */
async function sdkError(
  p: Promise<unknown>,
): Promise<{ code?: string; statusCode?: number; message?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; statusCode?: number };
  }
  throw new Error('expected the SDK call to fail');
}

beforeAll(() => {
  cos = sdkClient(t, { UploadCheckContentMd5: true });
});
afterEach(() => {
  t.clock.set(Date.now());
});

describe('simple objects through the SDK', () => {
  const body = randomBytes(70_000);

  it('putObject (Content-MD5, x-cos-meta-*), headObject, getObject', async () => {
    const put = await cos.putObject({
      ...B,
      Key: 'sdk/photo 1 (copy).jpg',
      Body: body,
      ContentType: 'image/jpeg',
      'x-cos-meta-uploader': 'alice',
    });
    expect(put.statusCode).toBe(200);
    expect(put.ETag).toBe(`"${md5hex(body)}"`);
    expect(put.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(body));

    const head = await cos.headObject({ ...B, Key: 'sdk/photo 1 (copy).jpg' });
    expect(head.headers?.['content-length']).toBe(String(body.length));
    expect(head.ETag).toBe(`"${md5hex(body)}"`);
    expect(head.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(body));
    expect(head.headers?.['x-cos-meta-uploader']).toBe('alice');
    expect(head.headers?.['content-type']).toBe('image/jpeg');

    const got = await cos.getObject({ ...B, Key: 'sdk/photo 1 (copy).jpg' });
    expect(Buffer.isBuffer(got.Body)).toBe(true);
    expect((got.Body as Buffer).equals(body)).toBe(true);
  });

  it('getBucket lists with a prefix; deleteObject removes', async () => {
    await cos.putObject({ ...B, Key: 'sdk/other.txt', Body: 'x' });
    await cos.putObject({ ...B, Key: 'elsewhere.txt', Body: 'y' });
    const list = await cos.getBucket({ ...B, Prefix: 'sdk/' });
    expect(list.Contents.map((c) => c.Key).sort()).toEqual([
      'sdk/other.txt',
      'sdk/photo 1 (copy).jpg',
    ]);
    expect(list.Contents.find((c) => c.Key === 'sdk/other.txt')?.Size).toBe('1');

    const del = await cos.deleteObject({ ...B, Key: 'sdk/other.txt' });
    expect(del.statusCode).toBe(204);
    const err = await sdkError(cos.headObject({ ...B, Key: 'sdk/other.txt' }));
    expect(err.statusCode).toBe(404);
  });

  it('reports COS error codes to the SDK', async () => {
    const err = await sdkError(cos.getObject({ ...B, Key: 'does/not/exist' }));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('NoSuchKey');
    const wrongKey = sdkClient(t, { SecretKey: 'wrong-secret' });
    const denied = await sdkError(wrongKey.getObject({ ...B, Key: 'elsewhere.txt' }));
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe('SignatureDoesNotMatch');
  });

  it('putBucketCors and getBucketCors round-trip (the SDK sends Content-MD5)', async () => {
    await cos.putBucketCors({
      ...B,
      CORSRules: [
        {
          AllowedOrigin: ['http://localhost:5173'],
          AllowedMethod: ['PUT', 'POST'],
          AllowedHeader: ['*'],
          ExposeHeader: ['ETag', 'x-cos-hash-crc64ecma'],
          MaxAgeSeconds: 600,
        },
      ],
    });
    const got = await cos.getBucketCors({ ...B });
    expect(got.CORSRules).toHaveLength(1);
    expect(got.CORSRules[0]).toMatchObject({
      AllowedOrigins: ['http://localhost:5173'],
      AllowedMethods: ['PUT', 'POST'],
      AllowedHeaders: ['*'],
      ExposeHeaders: ['ETag', 'x-cos-hash-crc64ecma'],
    });
    expect(String(got.CORSRules[0]!.MaxAgeSeconds)).toBe('600');
  });
});

describe('multipart through the SDK', () => {
  it('multipartInit / multipartUpload / multipartListPart / multipartComplete', async () => {
    const Key = 'mp/video.bin';
    const p1 = randomBytes(1024 * 1024);
    const p2 = randomBytes(1000);
    const init = await cos.multipartInit({ ...B, Key, ContentType: 'video/mp4' });
    expect(init.UploadId).toMatch(/^\d{10}[0-9a-f]{64}$/);
    const up1 = await cos.multipartUpload({
      ...B,
      Key,
      UploadId: init.UploadId,
      PartNumber: 1,
      Body: p1,
    });
    const up2 = await cos.multipartUpload({
      ...B,
      Key,
      UploadId: init.UploadId,
      PartNumber: 2,
      Body: p2,
    });
    expect(up1.ETag).toBe(`"${md5hex(p1)}"`);
    expect(up2.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(p2));

    const parts = await cos.multipartListPart({ ...B, Key, UploadId: init.UploadId });
    expect(parts.Part.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      ['1', `"${md5hex(p1)}"`, String(p1.length)],
      ['2', `"${md5hex(p2)}"`, String(p2.length)],
    ]);

    const done = await cos.multipartComplete({
      ...B,
      Key,
      UploadId: init.UploadId,
      Parts: [
        { PartNumber: 1, ETag: up1.ETag },
        { PartNumber: 2, ETag: up2.ETag },
      ],
    });
    expect(done.statusCode).toBe(200);
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-2"$/);
    const whole = Buffer.concat([p1, p2]);
    expect(done.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(whole));
    const head = await cos.headObject({ ...B, Key });
    expect(head.headers?.['content-length']).toBe(String(whole.length));
    expect(head.headers?.['content-type']).toBe('video/mp4');
    expect(head.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(whole));
  });

  it('multipartAbort: the upload is gone afterwards (NoSuchUpload)', async () => {
    const Key = 'mp/abandoned.bin';
    const init = await cos.multipartInit({ ...B, Key });
    await cos.multipartUpload({
      ...B,
      Key,
      UploadId: init.UploadId,
      PartNumber: 1,
      Body: Buffer.alloc(10),
    });
    const abort = await cos.multipartAbort({ ...B, Key, UploadId: init.UploadId });
    expect(abort.statusCode).toBe(204);
    const err = await sdkError(cos.multipartListPart({ ...B, Key, UploadId: init.UploadId }));
    expect(err.statusCode).toBe(404);
    expect(err.code).toBe('NoSuchUpload');
  });

  it('sliceUploadFile of a several-part file (lists uploads first, checks CRC)', async () => {
    const file = path.join(t.dataDir, 'local-upload.bin');
    const content = randomBytes(3 * 1024 * 1024 + 12345);
    await writeFile(file, content);
    t.emu.resetStats();
    const result = await cos.sliceUploadFile({
      ...B,
      Key: 'mp/sliced.bin',
      FilePath: file,
      ChunkSize: 1024 * 1024,
    });
    expect(result.statusCode).toBe(200);
    const stats = t.emu.stats();
    expect(stats.listUploads).toBeGreaterThanOrEqual(1);
    expect(stats.initiate).toBe(1);
    expect(stats.part).toBe(4);
    expect(stats.complete).toBe(1);
    const got = await cos.getObject({ ...B, Key: 'mp/sliced.bin' });
    expect((got.Body as Buffer).equals(content)).toBe(true);
    expect(got.headers?.['x-cos-hash-crc64ecma']).toBe(crc64(content));
  });
});

describe('pre-signed URLs from cos.getObjectUrl used with fetch', () => {
  const presign = (params: Omit<COS.GetObjectUrlParams, 'Bucket' | 'Region'>): Promise<string> =>
    new Promise((resolve, reject) =>
      cos.getObjectUrl(
        { ...B, Domain: `http://127.0.0.1:${t.emu.port}`, ...params },
        (err, data) => (err ? reject(err) : resolve(data.Url)),
      ),
    );
  const codeOf = async (res: Response): Promise<string | undefined> =>
    /<Code>([^<]*)<\/Code>/.exec(await res.text())?.[1];

  const body = Buffer.from('contract signed by both parties\n');
  const signedPut = (Key: string, Expires = 300) =>
    presign({
      Key,
      Method: 'PUT',
      Expires,
      Headers: {
        'Content-Length': String(body.length),
        'Content-Type': 'text/plain',
        'x-cos-forbid-overwrite': 'true',
      },
    });
  const send = (url: string, data: Buffer, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'PUT',
      body: new Uint8Array(data),
      headers: { 'Content-Type': 'text/plain', 'x-cos-forbid-overwrite': 'true', ...headers },
    });

  it('accepts the signed request exactly as signed; a replay hits forbid-overwrite', async () => {
    const url = await signedPut('presigned/ok.txt');
    expect(url).toContain('q-header-list=content-length;content-type;host;x-cos-forbid-overwrite');
    const res = await send(url, body);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5hex(body)}"`);
    expect(res.headers.get('x-cos-hash-crc64ecma')).toBe(crc64(body));
    const replay = await send(url, body);
    expect(replay.status).toBe(409);
    expect(await codeOf(replay)).toBe('FileAlreadyExists');
  });

  it('refuses a different body length', async () => {
    const url = await signedPut('presigned/length.txt');
    const res = await send(url, Buffer.concat([body, Buffer.from('!')]));
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a changed signed header and a missing one', async () => {
    const url = await signedPut('presigned/header.txt');
    const changed = await send(url, body, { 'Content-Type': 'text/html' });
    expect(changed.status).toBe(403);
    expect(await codeOf(changed)).toBe('SignatureDoesNotMatch');
    const missing = await fetch(url, {
      method: 'PUT',
      body,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(await codeOf(missing)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a changed path', async () => {
    const url = await signedPut('presigned/path.txt');
    const res = await send(url.replace('/presigned/path.txt', '/presigned/other.txt'), body);
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe('SignatureDoesNotMatch');
  });

  it('refuses a changed signed query (UploadPart URL)', async () => {
    const Key = 'presigned/part.bin';
    const init = await cos.multipartInit({ ...B, Key });
    const url = await presign({
      Key,
      Method: 'PUT',
      Query: { partNumber: '1', uploadId: init.UploadId },
    });
    expect(url).toContain('q-url-param-list=partnumber%3buploadid');
    const tampered = await fetch(url.replace('partNumber=1', 'partNumber=2'), {
      method: 'PUT',
      body,
    });
    expect(tampered.status).toBe(403);
    expect(await codeOf(tampered)).toBe('SignatureDoesNotMatch');
    const ok = await fetch(url, { method: 'PUT', body: new Uint8Array(body) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe(`"${md5hex(body)}"`);
  });

  it('refuses an expired URL with AccessDenied "Request has expired"', async () => {
    const url = await signedPut('presigned/late.txt', 60);
    t.clock.advance(61_000 + 1_000);
    const res = await send(url, body);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain('<Message>Request has expired</Message>');
  });
});
