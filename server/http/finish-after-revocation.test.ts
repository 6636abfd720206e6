/**
 * Uploads in flight when a link is revoked or expires (issue 12 #7). Their URLs were signed
 * before and stay valid, so the bytes land whatever the signer says afterwards. The policy
 * (docs/security.md, "Revoking a link"): nothing new is signed, but an upload signed before may
 * still be completed, verified and counted, so the contributor's page shows it done and the
 * owner sees it; an upload that lands and is never completed shows up as "not verified" for
 * the owner (admin API, `link show`) and `cos:cleanup` lists it (removes it only when asked).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminLinkResponse,
  AdminUnverifiedResponse,
  CreateLinkResponse,
} from '../../protocol/admin';
import { crc64 } from '../../protocol/crc64';
import type { CreateUploadResult, MultipartPlan, SinglePlan } from '../../protocol/schemas';
import { CompleteBatchResponse, SignResponse } from '../../protocol/schemas';
import { formatLinkDetails } from '../cli/format-link';
import { cosCleanup } from '../cli/cos-commands';
import type { RunningSigner } from '../start-signer';
import { adminCall } from '../testing/admin-call';
import { apiScript, completed, errorCodeOf } from '../testing/api-script';
import { startSignerOnStack, stopSignerOnStack } from '../testing/signer-on-stack';
import { sendParts } from '../testing/send-parts';
import type { TestStack } from '../testing/test-stack';
import { sendSigned } from '../testing/test-stack';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const MIB = 1024 * 1024;
let stack: TestStack;
let signer: RunningSigner;
/** The signer's clock; the emulator keeps real time (URLs are signed for 15 minutes). */
let clock = Date.now();

beforeAll(async () => {
  ({ stack, signer } = await startSignerOnStack(
    {
      ADMIN_TOKEN,
      STATE_CACHE_SECONDS: '0',
      ALLOW_SMALL_PARTS: '1',
      MULTIPART_PART_SIZE: String(MIB),
      MULTIPART_THRESHOLD: String(MIB),
    },
    () => clock,
  ));
});
afterAll(() => stopSignerOnStack({ stack, signer }));

function admin(method: string, route: string, body?: unknown) {
  return adminCall(signer.url, ADMIN_TOKEN, method, route, body);
}

async function newLink(body: Record<string, unknown>) {
  const created = CreateLinkResponse.parse((await admin('POST', '/admin/links', body)).json);
  return { id: created.link.id, api: apiScript(signer.url, created.token) };
}

const show = async (id: string) =>
  AdminLinkResponse.parse((await admin('GET', `/admin/links/${id}`)).json).link;

function single(r: CreateUploadResult | undefined): SinglePlan {
  if (!r?.ok || r.upload.kind !== 'single') throw new Error('not a single upload');
  return r.upload;
}

async function put(plan: SinglePlan, body: Uint8Array) {
  const res = await sendSigned(plan.request, body);
  await res.arrayBuffer();
  return res.status;
}

describe('uploads in flight when a link is revoked', () => {
  it('land, complete, verify and count; nothing new is signed', async () => {
    const { id, api } = await newLink({ maxFiles: 5 });
    const [a, b, c] = (
      await api.create([
        { name: 'a.txt', size: 100 },
        { name: 'b.txt', size: 100 },
        { name: 'c.txt', size: 100 },
      ])
    ).map(single);
    const body = (fill: number) => new Uint8Array(100).fill(fill);
    expect(await put(a!, body(1))).toBe(200);

    expect((await admin('POST', `/admin/links/${id}/revoke`, { reason: 'enough' })).status).toBe(
      200,
    );
    // The URLs signed before stay valid: the bytes land whatever the signer says now.
    expect(await put(b!, body(2))).toBe(200);
    expect(await put(c!, body(3))).toBe(200);

    // Completing still verifies and counts them, so the page can show them done.
    expect(completed(await api.complete(a!.ticket, crc64(body(1))))).toMatchObject({
      size: 100,
      verified: true,
    });
    const batch = await api.request('POST', '/uploads/complete-batch', {
      uploads: [
        { ticket: b!.ticket, crc64: crc64(body(2)) },
        { ticket: c!.ticket, crc64: crc64(body(3)) },
      ],
    });
    expect(batch.status).toBe(200);
    expect(CompleteBatchResponse.parse(batch.json).results.map((r) => r.ok)).toEqual([true, true]);

    // Nothing new: no plan, no fresh URL, no link page.
    expect(errorCodeOf((await api.request('POST', '/uploads', { files: [] })).json)).toBe(
      'link-revoked',
    );
    expect(
      errorCodeOf((await api.request('POST', '/uploads/sign', { ticket: a!.ticket })).json),
    ).toBe('link-revoked');
    expect(errorCodeOf((await api.request('GET', '/link')).json)).toBe('link-revoked');

    const link = await show(id);
    expect(link.usage).toEqual({ files: 3, bytes: 300 });
    expect(link.inFlight).toEqual({ files: 0, bytes: 0 });
    expect(link.unverified).toEqual({ files: 0, bytes: 0 });
  });

  it('a multipart upload whose parts were all sent before the revocation still completes', async () => {
    const { id, api } = await newLink({});
    const data = randomBytes(2 * MIB + 10);
    const [r] = await api.create([{ name: 'big.bin', size: data.length }]);
    if (!r?.ok || r.upload.kind !== 'multipart') throw new Error('expected multipart');
    const plan: MultipartPlan = r.upload;
    const signed = SignResponse.parse(
      (await api.request('POST', '/uploads/sign', { ticket: plan.ticket, parts: [1, 2, 3] })).json,
    );
    const parts = await sendParts(signed.parts!, data, plan.partSize);
    await admin('POST', `/admin/links/${id}/revoke`);
    const done = await api.request('POST', '/uploads/complete', {
      ticket: plan.ticket,
      parts,
      crc64: crc64(data),
    });
    expect(completed(done)).toMatchObject({ size: data.length, verified: true });
    expect((await show(id)).usage).toEqual({ files: 1, bytes: data.length });
  });

  it('one that is never completed is shown to the owner as not verified, and cos:cleanup lists it', async () => {
    const { id, api } = await newLink({ maxFiles: 5 });
    const [plan] = (await api.create([{ name: 'left.txt', size: 100 }])).map(single);
    await admin('POST', `/admin/links/${id}/revoke`);
    expect(await put(plan!, new Uint8Array(100).fill(7))).toBe(200);
    // The page was closed: no complete. Its reservation runs out (URL TTL + grace, twice).
    clock += 2 * (15 + 10) * 60_000 + 1000;

    const link = await show(id);
    expect(link.usage).toEqual({ files: 0, bytes: 0 });
    expect(link.inFlight).toEqual({ files: 0, bytes: 0 });
    expect(link.unverified).toEqual({ files: 1, bytes: 100 });
    const details = formatLinkDetails(link, clock);
    expect(details).toMatch(/Not verified: +1 file, 100 B/);
    expect(details).toContain('npm run cos:cleanup');

    const listed = await admin('GET', `/admin/links/${id}/unverified`);
    expect(AdminUnverifiedResponse.parse(listed.json).objects).toMatchObject([
      { key: plan!.key, size: 100 },
    ]);

    // cos:cleanup lists it by default and removes it only with --delete-unverified.
    const setup = { config: stack.config, cos: stack.cos, emulatorUrl: null };
    const later = Date.now() + 2 * 24 * 3600_000;
    const lines: string[] = [];
    expect(await cosCleanup(setup, [], (l) => lines.push(l), later)).toBe(0);
    expect(lines.join('\n')).toContain(plan!.key);
    expect(lines.join('\n')).toContain('--delete-unverified');
    expect(await stack.cos.headObject(plan!.key)).not.toBeNull();
    const json: string[] = [];
    await cosCleanup(setup, ['--delete-unverified', '--json'], (l) => json.push(l), later);
    expect(JSON.parse(json.join('\n'))).toMatchObject({
      unverified: { deleted: expect.arrayContaining([plan!.key]) as unknown },
    });
    expect(await stack.cos.headObject(plan!.key)).toBeNull();
    expect((await show(id)).unverified).toEqual({ files: 0, bytes: 0 });
  });
});

describe('uploads in flight when a link expires', () => {
  it('still complete and count; nothing new is signed', async () => {
    const { id, api } = await newLink({ expiresInSeconds: 60, maxFiles: 2 });
    const [plan] = (await api.create([{ name: 'late.txt', size: 100 }])).map(single);
    const body = new Uint8Array(100).fill(9);
    expect(await put(plan!, body)).toBe(200);
    clock += 61_000;
    expect(completed(await api.complete(plan!.ticket, crc64(body))).verified).toBe(true);
    expect(
      errorCodeOf((await api.request('POST', '/uploads/sign', { ticket: plan!.ticket })).json),
    ).toBe('link-expired');
    expect((await show(id)).usage).toEqual({ files: 1, bytes: 100 });
  });
});
