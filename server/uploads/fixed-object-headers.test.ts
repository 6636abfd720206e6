import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import type { SinglePlan } from '../../protocol/schemas';
import { CreateUploadsResponse, SignResponse } from '../../protocol/schemas';
import { prepareSelfTest } from '../cos/bucket-selftest';
import { useAppOnStack } from '../testing/app-on-stack';
import { sendParts } from '../testing/send-parts';
import { postJson, sendSigned, SMALL_PARTS } from '../testing/test-stack';

/**
 * COS applies headers a request carries even when they are not signed: a link holder could add
 * `x-cos-acl: public-read` to a signed PUT and publish the file under the owner's bucket
 * domain. Every upload therefore binds a fixed ACL (`default`: inherit the private bucket's)
 * and `Content-Disposition: attachment`, so any other value breaks the signature. Checked
 * against the emulator, which verifies every signed header as COS does.
 */
const MIB = 1024 * 1024;
const on = useAppOnStack(SMALL_PARTS);

const post = (route: string, body: unknown) => postJson(on.app, on.token, route, body);

async function planSingle(name: string, size: number): Promise<SinglePlan> {
  const r = await post('/uploads', { files: [{ clientId: 'f', name, size, type: '' }] });
  const result = CreateUploadsResponse.parse(r.json).results[0]!;
  if (!result.ok || result.upload.kind !== 'single') throw new Error('expected a single plan');
  return result.upload;
}

function headerNamed(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([n]) => n.toLowerCase() === name)?.[1];
}

describe('a single upload', () => {
  it('signs x-cos-acl: default and Content-Disposition: attachment, also when signed again', async () => {
    const plan = await planSingle('a.txt', 3);
    expect(headerNamed(plan.request.headers, 'x-cos-acl')).toBe('default');
    expect(headerNamed(plan.request.headers, 'content-disposition')).toBe('attachment');
    expect(new URL(plan.request.url).searchParams.get('q-header-list')).toMatch(
      /(^|;)content-disposition(;|$)/,
    );
    expect(new URL(plan.request.url).searchParams.get('q-header-list')).toMatch(
      /(^|;)x-cos-acl(;|$)/,
    );
    const again = SignResponse.parse((await post('/uploads/sign', { ticket: plan.ticket })).json);
    expect(headerNamed(again.request!.headers, 'x-cos-acl')).toBe('default');
    expect(headerNamed(again.request!.headers, 'content-disposition')).toBe('attachment');
  });

  it.each([
    ['x-cos-acl', 'public-read'],
    ['x-cos-acl', 'public-read-write'],
    ['x-cos-acl', 'private'],
    ['Content-Disposition', 'inline'],
  ])('is refused by storage when %s is changed to %j', async (name, value) => {
    const body = Buffer.from('hey');
    const plan = await planSingle('b.txt', body.length);
    const res = await sendSigned(plan.request, body, { [name]: value });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('SignatureDoesNotMatch');
  });

  it('no longer lets an added x-cos-acl: public-read make the object public', async () => {
    const body = Buffer.from('free hosting');
    const plan = await planSingle('e.html', body.length);
    const attack = await sendSigned(plan.request, body, { 'x-cos-acl': 'public-read' });
    expect(attack.status).toBe(403);
    await attack.arrayBuffer();
    // Nothing landed, so nothing is public; the honest upload that follows stays private.
    expect(await on.stack.cos.headObject(plan.key)).toBeNull();
    expect((await sendSigned(plan.request, body)).status).toBe(200);
    const objectUrl = on.stack.cos.objectUrl(plan.key);
    const anonymous = await fetch(objectUrl);
    expect(anonymous.status).toBe(403);
    await anonymous.arrayBuffer();
  });

  it('is refused by storage when the ACL header is left out', async () => {
    const body = Buffer.from('hey');
    const plan = await planSingle('c.txt', body.length);
    const headers = Object.fromEntries(
      Object.entries(plan.request.headers).filter(([n]) => n.toLowerCase() !== 'x-cos-acl'),
    );
    const res = await sendSigned({ ...plan.request, headers }, body);
    expect(res.status).toBe(403);
    await res.arrayBuffer();
  });

  it('lands as sent by the portal, stored as an attachment', async () => {
    const body = Buffer.from('hello');
    const plan = await planSingle('d.txt', body.length);
    expect((await sendSigned(plan.request, body)).status).toBe(200);
    const done = await post('/uploads/complete', { ticket: plan.ticket, crc64: crc64(body) });
    expect(done.status).toBe(200);
    expect((await on.stack.cos.headObject(plan.key))?.contentDisposition).toBe('attachment');
  });
});

describe('a multipart upload', () => {
  it('is initiated by the signer with the same fixed headers', async () => {
    const data = randomBytes(MIB + 5);
    const r = await post('/uploads', {
      files: [{ clientId: 'm', name: 'big.bin', size: data.length, type: '' }],
    });
    const result = CreateUploadsResponse.parse(r.json).results[0]!;
    if (!result.ok || result.upload.kind !== 'multipart') throw new Error('expected multipart');
    const upload = result.upload;
    const signed = SignResponse.parse(
      (await post('/uploads/sign', { ticket: upload.ticket, parts: [1, 2] })).json,
    );
    const parts = await sendParts(signed.parts!, data, upload.partSize);
    const done = await post('/uploads/complete', {
      ticket: upload.ticket,
      crc64: crc64(data),
      parts,
    });
    expect(done.status).toBe(200);
    const head = await on.stack.cos.headObject(upload.key);
    expect(head?.contentDisposition).toBe('attachment');
  });
});

describe('the bucket self-test', () => {
  it('signs the same fixed headers as a contributor upload, so its CORS check covers them', () => {
    const plan = prepareSelfTest(on.stack.cos, on.stack.config.statePrefix, Date.now());
    expect(headerNamed(plan.request.headers, 'x-cos-acl')).toBe('default');
    expect(headerNamed(plan.request.headers, 'content-disposition')).toBe('attachment');
  });
});
