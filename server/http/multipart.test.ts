import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import {
  CompleteResponse,
  CreateUploadsResponse,
  ErrorBody,
  ListPartsResponse,
  SignResponse,
} from '../../protocol/schemas';
import type { MultipartPlan } from '../../protocol/schemas';
import { loadConfig } from '../config';
import { createCosClient } from '../cos/cos-client';
import { createLogger } from '../log/logger';
import { LinkState } from '../state/link-state';
import { useAppOnStack } from '../testing/app-on-stack';
import { sendParts } from '../testing/send-parts';
import { postJson, sendSigned, SMALL_PARTS } from '../testing/test-stack';
import { createApp } from './app';

const MIB = 1024 * 1024;
const on = useAppOnStack(SMALL_PARTS);

const post = (route: string, body: unknown, appUnderTest: Hono = on.app) =>
  postJson(appUnderTest, on.token, route, body);

async function initiate(size: number, name = 'big.mp4'): Promise<MultipartPlan> {
  const r = await post('/uploads', { files: [{ clientId: 'm', name, size, type: 'video/mp4' }] });
  const result = CreateUploadsResponse.parse(r.json).results[0]!;
  if (!result.ok || result.upload.kind !== 'multipart')
    throw new Error('expected a multipart plan');
  return result.upload;
}

async function uploadParts(plan: MultipartPlan, data: Uint8Array, numbers: number[]) {
  const signed = SignResponse.parse(
    (await post('/uploads/sign', { ticket: plan.ticket, parts: numbers })).json,
  );
  return sendParts(signed.parts!, data, plan.partSize);
}

describe('multipart uploads', () => {
  it('runs end to end: initiate, signed parts, list, complete, verify, complete again', async () => {
    const data = randomBytes(2.5 * MIB);
    const plan = await initiate(data.length);
    expect(plan).toMatchObject({ kind: 'multipart', partSize: MIB, partCount: 3 });
    expect(plan.key.startsWith(on.stack.config.uploadPrefix)).toBe(true);

    // Each part URL pins its part number, upload id and exact length (the last is the rest).
    const signed = SignResponse.parse(
      (await post('/uploads/sign', { ticket: plan.ticket, parts: [3, 1, 2, 1] })).json,
    );
    expect(signed.parts!.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    for (const { partNumber, request } of signed.parts!) {
      const q = new URL(request.url).searchParams;
      expect(q.get('partNumber')).toBe(String(partNumber));
      expect(q.get('uploadId')).toBe(plan.uploadId);
      expect(q.get('q-header-list')).toBe('content-length;host');
      expect(request.method).toBe('PUT');
    }
    const wrongLength = await sendSigned(signed.parts![2]!.request, data.subarray(0, MIB));
    expect(wrongLength.status).toBe(403);

    const beyond = await post('/uploads/sign', { ticket: plan.ticket, parts: [4] });
    expect(ErrorBody.parse(beyond.json).error).toMatchObject({
      code: 'invalid-request',
      details: { partCount: 3, invalidParts: [4] },
    });
    expect(
      ErrorBody.parse((await post('/uploads/sign', { ticket: plan.ticket })).json).error.code,
    ).toBe('invalid-request');

    const first = await uploadParts(plan, data, [1, 2]);
    const listed = ListPartsResponse.parse(
      (await post('/uploads/parts', { ticket: plan.ticket })).json,
    );
    expect(listed.parts.map((p) => [p.partNumber, p.size, p.etag])).toEqual(
      first.map((p) => [p.partNumber, MIB, p.etag]),
    );

    // Completing with a part missing is refused and names the missing part.
    const early = await post('/uploads/complete', { ticket: plan.ticket, parts: first });
    expect(ErrorBody.parse(early.json).error).toMatchObject({
      code: 'invalid-request',
      details: { missingParts: [3] },
    });

    const all = [...first, ...(await uploadParts(plan, data, [3]))];
    // The browser's list must match what COS holds.
    const forged = all.map((p) =>
      p.partNumber === 2 ? { ...p, etag: '"0123456789abcdef0123456789abcdef"' } : p,
    );
    const mismatch = await post('/uploads/complete', { ticket: plan.ticket, parts: forged });
    expect(ErrorBody.parse(mismatch.json).error).toMatchObject({
      code: 'invalid-request',
      details: { reason: 'etag-mismatch', partNumber: 2 },
    });

    // ETags without quotes are fine too.
    const unquoted = all.map((p) => ({ ...p, etag: p.etag.replace(/"/g, '') }));
    const done = await post('/uploads/complete', {
      ticket: plan.ticket,
      parts: unquoted,
      crc64: crc64(data),
    });
    expect(done.status).toBe(200);
    const result = CompleteResponse.parse(done.json);
    expect(result).toMatchObject({
      key: plan.key,
      size: data.length,
      crc64: crc64(data),
      verified: true,
    });

    const head = await on.stack.cos.headObject(plan.key);
    expect(head).toMatchObject({ size: data.length, crc64: crc64(data), contentType: 'video/mp4' });
    expect(head!.meta.filename).toBe('big.mp4');
    expect(await on.stack.cos.listMultipartUploads(on.stack.config.uploadPrefix)).toEqual([]);

    // A retry after a lost answer: COS no longer knows the upload, the object decides.
    const again = await post('/uploads/complete', {
      ticket: plan.ticket,
      parts: all,
      crc64: crc64(data),
    });
    expect(again.status).toBe(200);
    expect({ ...CompleteResponse.parse(again.json), serverTime: 0 }).toEqual({
      ...result,
      serverTime: 0,
    });
    const wrongCrc = await post('/uploads/complete', {
      ticket: plan.ticket,
      parts: all,
      crc64: '1',
    });
    expect(ErrorBody.parse(wrongCrc.json).error.code).toBe('checksum-mismatch');
    expect(await on.stack.cos.headObject(plan.key)).toBeNull();
  });

  it('abort leaves no upload behind and is idempotent', async () => {
    const plan = await initiate(1.5 * MIB, 'abandoned.bin');
    const listed = await on.stack.cos.listMultipartUploads(on.stack.config.uploadPrefix);
    expect(listed.map((u) => u.uploadId)).toContain(plan.uploadId);
    await uploadParts(plan, randomBytes(1.5 * MIB), [1]);

    const aborted = await post('/uploads/abort', { ticket: plan.ticket });
    expect(aborted.status).toBe(204);
    const after = await on.stack.cos.listMultipartUploads(on.stack.config.uploadPrefix);
    expect(after.map((u) => u.uploadId)).not.toContain(plan.uploadId);
    expect((await post('/uploads/abort', { ticket: plan.ticket })).status).toBe(204);

    const parts = await post('/uploads/parts', { ticket: plan.ticket });
    expect(parts.status).toBe(404);
    expect(ErrorBody.parse(parts.json).error.code).toBe('upload-not-found');
    const complete = await post('/uploads/complete', {
      ticket: plan.ticket,
      parts: [
        { partNumber: 1, etag: 'x' },
        { partNumber: 2, etag: 'y' },
      ],
    });
    expect(ErrorBody.parse(complete.json).error.code).toBe('upload-not-found');
  });

  it('plans parts so no file needs more than 10,000 and keeps small files single', async () => {
    const r = await post('/uploads', {
      files: [
        { clientId: 'small', name: 's', size: MIB, type: '' },
        { clientId: 'huge', name: 'h', size: 20_000 * MIB, type: '' },
      ],
    });
    const [small, huge] = CreateUploadsResponse.parse(r.json).results;
    expect(small!.ok && small!.upload.kind).toBe('single');
    if (!huge!.ok || huge!.upload.kind !== 'multipart') throw new Error('expected multipart');
    expect(huge!.upload.partSize).toBe(2 * MIB);
    expect(huge!.upload.partCount).toBe(10_000);
    await post('/uploads/abort', { ticket: huge!.upload.ticket });
  });

  it('reports storage failures as storage-error with the COS code', async () => {
    const deadConfig = loadConfig({
      COS_SECRET_ID: 'AKIDwrong',
      COS_SECRET_KEY: 'wrong-key',
      COS_BUCKET: on.stack.config.cos.bucket,
      COS_REGION: on.stack.config.cos.region,
      COS_DOMAIN: on.stack.emulatorUrl,
      LINK_SECRET: on.stack.config.linkKeys.active.secret,
      ALLOW_SMALL_PARTS: '1',
      MULTIPART_PART_SIZE: String(MIB),
      MULTIPART_THRESHOLD: String(MIB),
    });
    const deadCos = createCosClient(deadConfig, { timeoutMs: 5000 });
    // Link state readable (from the working client): only the upload path meets the bad key.
    const badApp = createApp({
      config: deadConfig,
      cos: deadCos,
      logger: createLogger('silent'),
      state: new LinkState({
        cos: on.stack.cos,
        statePrefix: '.portal/',
        cacheSeconds: 5,
        now: Date.now,
      }),
    });
    const r = await post(
      '/uploads',
      { files: [{ clientId: 'm', name: 'm', size: 2 * MIB, type: '' }] },
      badApp,
    );
    expect(r.status).toBe(200);
    const result = CreateUploadsResponse.parse(r.json).results[0]!;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'storage-error', details: { cosCode: 'InvalidAccessKeyId', status: 403 } },
    });
    const plan = await initiate(2 * MIB);
    const c = await post('/uploads/parts', { ticket: plan.ticket }, badApp);
    expect(c.status).toBe(502);
    expect(ErrorBody.parse(c.json).error).toMatchObject({
      code: 'storage-error',
      details: { cosCode: 'InvalidAccessKeyId' },
    });
    expect(JSON.stringify(c.json)).not.toContain('wrong-key');

    // When the link's state itself cannot be read, the signer fails closed: nothing is signed.
    const blindApp = createApp({
      config: deadConfig,
      cos: deadCos,
      logger: createLogger('silent'),
    });
    const blind = await post(
      '/uploads',
      { files: [{ clientId: 's', name: 's', size: 1, type: '' }] },
      blindApp,
    );
    expect(blind.status).toBe(502);
    expect(ErrorBody.parse(blind.json).error).toMatchObject({
      code: 'storage-error',
      details: { cosCode: 'InvalidAccessKeyId' },
    });
  });
});
