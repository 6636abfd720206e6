import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import { applyBucketCors, portalCorsRules } from './bucket-cors';
import { CosError } from './cos-error';

const MIB = 1024 * 1024;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const singleHeaders = (name: string) => ({
  'x-cos-forbid-overwrite': 'true',
  'x-cos-meta-filename': encodeURIComponent(name),
});

describe('cos-client against the emulator', () => {
  it('signs exactly the headers we rely on (guards against SDK signing changes)', () => {
    const signed = stack.cos.presignPut('uploads/t/a.txt', {
      size: 5,
      contentType: 'text/plain',
      extraHeaders: singleHeaders('a.txt'),
      expiresSeconds: 900,
    });
    const q = new URL(signed.url).searchParams;
    expect(q.get('q-header-list')).toBe(
      'content-length;content-type;host;x-cos-forbid-overwrite;x-cos-meta-filename',
    );
    expect(q.get('q-url-param-list')).toBe('');
    expect(q.get('q-sign-algorithm')).toBe('sha1');
    expect(new URL(signed.url).origin).toBe(stack.emulatorUrl);
    expect(signed.headers).toEqual({
      'Content-Type': 'text/plain',
      'x-cos-forbid-overwrite': 'true',
      'x-cos-meta-filename': 'a.txt',
    });
    const [start, end] = q.get('q-key-time')!.split(';').map(Number) as [number, number];
    expect(end - start).toBe(900);
    expect(signed.expiresAt).toBe(end * 1000);

    const part = stack.cos.presignPart('uploads/t/b.bin', 'UPLOAD1', 3, MIB, 60);
    const pq = new URL(part.url).searchParams;
    expect(pq.get('q-header-list')).toBe('content-length;host');
    expect(pq.get('q-url-param-list')).toBe('partnumber;uploadid');
    expect(pq.get('partNumber')).toBe('3');
    expect(pq.get('uploadId')).toBe('UPLOAD1');
    expect(part.headers).toEqual({});
  });

  it('a presigned PUT lands byte-exact; the wrong length or a dropped header is refused', async () => {
    const key = 'uploads/t/报告 v1+(final).txt';
    const body = new TextEncoder().encode('hello world');
    const request = stack.cos.presignPut(key, {
      size: body.length,
      contentType: 'text/plain',
      extraHeaders: singleHeaders('报告 v1+(final).txt'),
      expiresSeconds: 60,
    });

    const longer = await sendSigned(request, new TextEncoder().encode('hello world!'));
    expect(longer.status).toBe(403);
    expect(await longer.text()).toContain('SignatureDoesNotMatch');

    const { 'x-cos-forbid-overwrite': _dropped, ...withoutForbid } = request.headers;
    const unforbidden = await sendSigned({ ...request, headers: withoutForbid }, body);
    expect(unforbidden.status).toBe(403);

    const ok = await sendSigned(request, body);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-cos-hash-crc64ecma')).toBe(crc64(body));

    // The same URL again: forbid-overwrite makes a replay harmless.
    const replay = await sendSigned(request, body);
    expect(replay.status).toBe(409);

    const head = await stack.cos.headObject(key);
    expect(head).toMatchObject({
      size: 11,
      crc64: '5981764153023615706',
      contentType: 'text/plain',
      meta: { filename: encodeURIComponent('报告 v1+(final).txt') },
    });
    expect(head!.etag).toMatch(/^"[0-9a-f]{32}"$/);

    await stack.cos.deleteObject(key);
    expect(await stack.cos.headObject(key)).toBeNull();
  });

  it('runs a multipart upload through presigned parts', async () => {
    const key = 'uploads/t/big.bin';
    const data = randomBytes(2.5 * MIB);
    const uploadId = await stack.cos.initiateMultipart(key, {
      contentType: 'application/octet-stream',
      headers: { 'x-cos-meta-filename': 'big.bin' },
    });
    expect((await stack.cos.listMultipartUploads('uploads/t/')).map((u) => u.uploadId)).toContain(
      uploadId,
    );
    const slices = [data.subarray(0, MIB), data.subarray(MIB, 2 * MIB), data.subarray(2 * MIB)];
    const etags: string[] = [];
    for (const [i, slice] of slices.entries()) {
      const signed = stack.cos.presignPart(key, uploadId, i + 1, slice.length, 60);
      const res = await sendSigned(signed, slice);
      expect(res.status).toBe(200);
      etags.push(res.headers.get('etag')!);
    }
    const parts = await stack.cos.listParts(key, uploadId);
    expect(parts.map((p) => [p.partNumber, p.size, p.etag])).toEqual([
      [1, MIB, etags[0]],
      [2, MIB, etags[1]],
      [3, 0.5 * MIB, etags[2]],
    ]);
    const done = await stack.cos.completeMultipart(
      key,
      uploadId,
      parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
    );
    expect(done.etag).toMatch(/-3"?$/);
    const head = await stack.cos.headObject(key);
    expect(head).toMatchObject({
      size: data.length,
      crc64: crc64(data),
      meta: { filename: 'big.bin' },
    });
    expect(await stack.cos.listMultipartUploads('uploads/t/')).toEqual([]);

    const err = await stack.cos.listParts(key, uploadId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CosError);
    expect((err as CosError).cosCode).toBe('NoSuchUpload');
    expect((err as CosError).statusCode).toBe(404);
  });

  it('writes small objects side by side, not three at a time', async () => {
    // The SDK queues putObject calls (three at a time) unless told to skip its task queue.
    // Six writes that each take 300 ms at the emulator: side by side well under 600 ms;
    // through that queue at least 600 ms (two rounds).
    stack.setFaults({ put: { latencyMs: 300 } });
    try {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 6 }, (_, i) => stack.cos.putObject(`state/parallel-${i}.json`, '{}')),
      );
      expect(performance.now() - started).toBeLessThan(600);
    } finally {
      stack.setFaults({});
    }
  });

  it('aborts a multipart upload', async () => {
    const uploadId = await stack.cos.initiateMultipart('uploads/t/gone.bin', {
      contentType: 'application/octet-stream',
    });
    await stack.cos.abortMultipart('uploads/t/gone.bin', uploadId);
    expect(await stack.cos.listMultipartUploads('uploads/t/gone')).toEqual([]);
  });

  it('applies the portal CORS rule and reads it back', async () => {
    // An owner's own rule is kept, after the portal's (COS applies the first match).
    const own = {
      id: 'owner-cdn',
      allowedOrigins: ['https://cdn.example.com'],
      allowedMethods: ['GET'],
      allowedHeaders: [],
      exposeHeaders: [],
    };
    await stack.cos.putBucketCors([own]);
    const rules = await applyBucketCors(stack.cos, [
      'http://127.0.0.1:8080',
      'https://up.example.com',
    ]);
    expect(rules).toEqual([
      ...portalCorsRules(['http://127.0.0.1:8080', 'https://up.example.com']),
      own,
    ]);
    // Applying again replaces the portal's rule instead of adding a second one.
    const again = await applyBucketCors(stack.cos, ['https://up.example.com']);
    expect(again).toEqual([...portalCorsRules(['https://up.example.com']), own]);
    const preflight = await fetch(`${stack.emulatorUrl}/uploads/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://up.example.com',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,x-cos-meta-filename',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://up.example.com');
    expect(preflight.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
    await expect(applyBucketCors(stack.cos, [])).rejects.toThrow();
  });
});
