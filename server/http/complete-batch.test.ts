/**
 * Verification in batches (issue 14, "trust made cheap"), in-process over the strict emulator:
 * a complete-batch call whose uploads carry what COS answered to their PUTs is verified with one
 * listing and recorded with one ledger object, and every doubt (a key the listing does not show,
 * another size, another ETag, a CRC-64 that does not match) goes to HEAD, which alone refuses
 * and deletes. The signer's own COS requests are counted by the emulator (`byAuth.header`).
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import { OpenSubmissionResponse, SubmissionReceiptResponse } from '../../protocol/submissions';
import type { CompleteBatchResult, SinglePlan } from '../../protocol/schemas';
import {
  CompleteBatchResponse,
  CreateUploadsResponse,
  LinkInfoResponse,
} from '../../protocol/schemas';
import { createHash } from 'node:crypto';
import { mintLinkToken } from '../links/link-token';
import type { LinkOptions } from '../links/link-types';
import { createLinkClaims } from '../links/link-types';
import { createLogger } from '../log/logger';
import { LinkState } from '../state/link-state';
import type { TestStack } from '../testing/test-stack';
import { sendSigned, startTestStack } from '../testing/test-stack';
import { createApp } from './app';

const API = '/api/v1';
let stack: TestStack;
let app: Hono;
let clock = Date.now();

beforeAll(async () => {
  stack = await startTestStack();
  app = makeApp();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => {
  stack.setFaults({});
});

/** A signer instance of its own (its own caches), on the shared bucket. */
function makeApp(): Hono {
  return createApp({
    config: stack.config,
    cos: stack.cos,
    logger: createLogger('silent'),
    now: () => clock,
  });
}

function link(options: LinkOptions = {}) {
  const claims = createLinkClaims(options, stack.config.uploadPrefix, clock);
  return { token: mintLinkToken(stack.config.linkKeys, claims), id: claims.id };
}

async function call(on: Hono, route: string, token: string, body?: unknown) {
  const res = await on.request(API + route, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function plan(
  on: Hono,
  token: string,
  bodies: Uint8Array[],
  submission?: string,
): Promise<SinglePlan[]> {
  const r = await call(on, '/uploads', token, {
    files: bodies.map((b, i) => ({
      clientId: `f${i}`,
      name: `f${i}.txt`,
      size: b.length,
      type: 'text/plain',
    })),
    ...(submission ? { submission } : {}),
  });
  expect(r.status).toBe(200);
  return CreateUploadsResponse.parse(r.json).results.map((x) => {
    if (!x.ok || x.upload.kind !== 'single') throw new Error('not a single upload');
    return x.upload;
  });
}

/** What the browser keeps of COS's answer to its PUT (both headers exposed by the CORS rule). */
interface PutAnswer {
  etag: string;
  cosCrc64: string;
}

async function put(plans: SinglePlan[], bodies: Uint8Array[]): Promise<PutAnswer[]> {
  const answers: PutAnswer[] = new Array(plans.length);
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const i = next++;
      const res = await sendSigned(plans[i]!.request, bodies[i]!);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      answers[i] = {
        etag: res.headers.get('etag')!,
        cosCrc64: res.headers.get('x-cos-hash-crc64ecma')!,
      };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return answers;
}

/** The items a browser sends once it compared COS's CRC-64 with its own. */
const reported = (plans: SinglePlan[], bodies: Uint8Array[], answers: PutAnswer[]) =>
  plans.map((p, i) => ({ ticket: p.ticket, crc64: crc64(bodies[i]!), ...answers[i]! }));

async function completeBatch(on: Hono, token: string, uploads: unknown[]) {
  const r = await call(on, '/uploads/complete-batch', token, { uploads });
  expect(r.status).toBe(200);
  return CompleteBatchResponse.parse(r.json).results;
}

/** The signer's own COS requests (header-signed) since the last reset, by operation. */
function signerRequests() {
  return stack.stats().byAuth.header;
}

const codeOf = (r: CompleteBatchResult) => (r.ok ? 'ok' : r.error.code);

/** The link's usage as a fresh instance reads it now (no cache): what every other signer sees. */
function freshUse(id: string) {
  const state = new LinkState({
    cos: stack.cos,
    statePrefix: '.portal/',
    cacheSeconds: 0,
    now: () => clock,
  });
  return state.use({ id, prefix: `uploads/${id}/`, withQuota: true });
}

describe('a batch the browser reports: one listing, one ledger object', () => {
  it('verifies a batch of 100 single PUTs with at most 10 server-side COS requests (here 2)', async () => {
    const { token } = link();
    const bodies = Array.from({ length: 100 }, (_, i) =>
      bytesOf(`file number ${i}\n`.repeat(i + 1)),
    );
    const plans = await plan(app, token, bodies);
    const answers = await put(plans, bodies);
    stack.resetStats();
    const results = await completeBatch(app, token, reported(plans, bodies, answers));
    expect(results.map(codeOf)).toEqual(Array(100).fill('ok'));
    for (const [i, r] of results.entries()) {
      expect(r).toMatchObject({
        ok: true,
        key: plans[i]!.key,
        size: bodies[i]!.length,
        verified: true,
      });
      expect(r.ok && r.crc64).toBe(answers[i]!.cosCrc64);
    }
    // One GET Bucket for the batch's range of the folder, one ledger object. No HEAD at all.
    expect(signerRequests()).toEqual({ requests: 2, list: 1, put: 1 });
    const info = LinkInfoResponse.parse((await call(app, '/link', token)).json);
    expect(info.link.usage).toEqual({
      files: 100,
      bytes: bodies.reduce((n, b) => n + b.length, 0),
    });
  });

  it('the same inside a submission: one more request, the look at whether it closed', async () => {
    const { token, id } = link({ maxFiles: 500 });
    const opened = await call(app, '/submissions', token, {});
    expect(opened.status).toBe(201);
    const sub = OpenSubmissionResponse.parse(opened.json).submission;
    const bodies = Array.from({ length: 100 }, (_, i) => bytesOf(`submitted ${i}`));
    const plans = await plan(app, token, bodies, sub.token);
    const answers = await put(plans, bodies);
    stack.resetStats();
    const results = await completeBatch(app, token, reported(plans, bodies, answers));
    expect(results.map(codeOf)).toEqual(Array(100).fill('ok'));
    // The quota needs no read: this instance reserved these uploads itself.
    expect(signerRequests()).toEqual({ requests: 3, list: 1, put: 1, head: 1 });

    // The manifest lists every verified file exactly as COS holds it.
    const finished = await call(app, '/submissions/finish', token, { submission: sub.token });
    const receipt = SubmissionReceiptResponse.parse(finished.json).submission;
    expect(receipt.files).toHaveLength(100);
    for (const f of receipt.files) {
      const head = await stack.cos.headObject(f.key);
      expect({ size: f.size, crc64: f.crc64 }).toEqual({ size: head!.size, crc64: head!.crc64 });
    }
    const use = await freshUse(id);
    expect(use.usage.files).toBe(100);
    expect(use.inFlight).toEqual({ files: 0, bytes: 0 });
    expect(use.unverified?.files).toBe(0);
  });

  it('answers old clients (no report) as before: one HEAD per file, still one ledger object', async () => {
    const { token } = link();
    const bodies = Array.from({ length: 10 }, (_, i) => bytesOf(`old ${i}`));
    const plans = await plan(app, token, bodies);
    await put(plans, bodies);
    stack.resetStats();
    const results = await completeBatch(
      app,
      token,
      plans.map((p, i) => ({ ticket: p.ticket, crc64: crc64(bodies[i]!) })),
    );
    expect(results.map(codeOf)).toEqual(Array(10).fill('ok'));
    expect(signerRequests()).toEqual({ requests: 11, head: 10, put: 1 });
  });
});

describe('a whole visit', () => {
  // A link without a file-count or size limit, as the benchmark's; with one, each signing call
  // adds the quota journal's read and write (about 2 more per signing call here: 98 in all).
  it('1,000 files signed and verified 100 at a time cost at most 0.1 server-side requests each, submission included', async () => {
    const { token } = link();
    stack.resetStats();
    expect((await call(app, '/link', token)).status).toBe(200);
    const opened = await call(app, '/submissions', token, {});
    const sub = OpenSubmissionResponse.parse(opened.json).submission;
    for (let start = 0; start < 1000; start += 100) {
      const bodies = Array.from({ length: 100 }, (_, i) => bytesOf(`visit ${start + i}`));
      const plans = await plan(app, token, bodies, sub.token);
      const results = await completeBatch(
        app,
        token,
        reported(plans, bodies, await put(plans, bodies)),
      );
      expect(results.every((r) => r.ok)).toBe(true);
    }
    const finished = await call(app, '/submissions/finish', token, { submission: sub.token });
    expect(SubmissionReceiptResponse.parse(finished.json).submission.files).toHaveLength(1000);
    // Measured: 68 (opening 2, the link 1, signing 11, verifying 30, finishing and the receipt 24).
    const { requests } = signerRequests();
    expect(requests).toBeLessThanOrEqual(100);
  });
});

describe('a batch racing the close of its submission', () => {
  it('keeps what the manifest lists, removes and takes back the rest: usage, manifest and bucket agree', async () => {
    const { token } = link({ maxFiles: 10 });
    const sub = OpenSubmissionResponse.parse(
      (await call(app, '/submissions', token, {})).json,
    ).submission;
    const bodies = ['early one', 'early two', 'late one', 'late two'].map(bytesOf);
    const plans = await plan(app, token, bodies, sub.token);
    // Two land before Finish (their complete comes after): the closer finds and lists them.
    const early = await put(plans.slice(0, 2), bodies.slice(0, 2));
    const finished = await call(makeApp(), '/submissions/finish', token, {
      submission: sub.token,
    });
    const manifest = SubmissionReceiptResponse.parse(finished.json).submission;
    expect(manifest.files.map((f) => f.key)).toEqual([plans[0]!.key, plans[1]!.key]);
    // Two land after it, on URLs signed before: one batch brings all four.
    const late = await put(plans.slice(2), bodies.slice(2));
    const results = await completeBatch(app, token, reported(plans, bodies, [...early, ...late]));
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'submission-closed', 'submission-closed']);
    expect(results[2]).toMatchObject({ ok: false, error: { details: { deleted: true } } });
    for (const p of plans.slice(2)) expect(await stack.cos.headObject(p.key)).toBeNull();
    // Counted: exactly the manifest's files, on a fresh instance too.
    const info = LinkInfoResponse.parse((await call(makeApp(), '/link', token)).json);
    expect(info.link.usage).toEqual({
      files: 2,
      bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    });
    const again = await call(makeApp(), '/submissions/status', token, { submission: sub.token });
    expect(SubmissionReceiptResponse.parse(again.json).submission.files).toEqual(manifest.files);
  });
});

describe('what the listing cannot confirm goes to HEAD, which decides', () => {
  it('mixed batch: wrong size, wrong ETag, a CRC-64 COS did not report, missing, and good ones', async () => {
    const { token } = link();
    const bodies = [
      'good one',
      'good two',
      'short',
      'etag lie',
      'etag lie, crc lie',
      'crc',
      'never',
      'md5 lie',
    ].map(bytesOf);
    const plans = await plan(app, token, bodies);
    const sent = [0, 1, 3, 4, 5, 7];
    const answers: PutAnswer[] = new Array(bodies.length);
    const got = await put(
      sent.map((i) => plans[i]!),
      sent.map((i) => bodies[i]!),
    );
    sent.forEach((i, n) => (answers[i] = got[n]!));
    // A body other than the one signed lands at #2 (as if COS had kept fewer bytes than sent).
    await stack.cos.putObject(plans[2]!.key, 'shor', { contentType: 'text/plain' });
    const stored2 = await stack.cos.headObject(plans[2]!.key);
    const items = reported(
      plans,
      bodies,
      // #2 reports what COS answered for the short body: the listing shows the wrong size.
      Array.from(
        bodies,
        (_, i) => answers[i] ?? { etag: stored2!.etag, cosCrc64: stored2!.crc64! },
      ),
    );
    // #3 reports another file's ETag (its own CRC-64 is right): HEAD finds it good.
    items[3]!.etag = answers[0]!.etag;
    // #4 reports another ETag and its CRC-64 is not what COS holds: refused by HEAD.
    items[4]!.etag = answers[0]!.etag;
    items[4]!.crc64 = crc64(bytesOf('something else'));
    // #5: the file changed on disk after it was read for the PUT: the browser's own CRC-64
    // differs from the one COS answered (and holds).
    items[5]!.crc64 = crc64(bytesOf('changed on disk'));
    // #6 was never sent.
    items[6] = {
      ticket: plans[6]!.ticket,
      crc64: crc64(bodies[6]!),
      etag: '"00000000000000000000000000000000"',
      cosCrc64: crc64(bodies[6]!),
    };
    // #7's MD5 (the browser's own of the file) is not the ETag COS lists.
    const item7 = { ...items[7]!, md5: createHash('md5').update('not the file').digest('hex') };
    stack.resetStats();
    const results = await completeBatch(app, token, [...items.slice(0, 7), item7]);
    expect(results.map(codeOf)).toEqual([
      'ok',
      'ok',
      'size-mismatch',
      'ok',
      'checksum-mismatch',
      'checksum-mismatch',
      'object-missing',
      'ok',
    ]);
    // #7: its bytes are the file's (HEAD's CRC-64), so the MD5 was wrong, not the object.
    expect(results[7]).toMatchObject({ ok: true, crc64: answers[7]!.cosCrc64 });
    const ops = signerRequests();
    expect(ops.list).toBe(1);
    // Only the doubtful ones were looked at: #2, #3, #4, #5, #6, #7; the two good ones were not.
    expect(ops.head).toBe(6);
    expect(ops.put).toBe(1);
    // Refused objects were deleted, as /uploads/complete does.
    expect(ops.delete).toBe(3);
    for (const i of [2, 4, 5]) expect(await stack.cos.headObject(plans[i]!.key)).toBeNull();
    expect(await stack.cos.headObject(plans[3]!.key)).not.toBeNull();
    const info = LinkInfoResponse.parse((await call(app, '/link', token)).json);
    expect(info.link.usage?.files).toBe(4);
  });

  it('an object the listing does not show yet (COS listings may lag) is verified by HEAD', async () => {
    const { token } = link();
    const bodies = Array.from({ length: 6 }, (_, i) => bytesOf(`lagging ${i}`));
    const plans = await plan(app, token, bodies);
    const early = await put(plans.slice(0, 4), bodies.slice(0, 4));
    // The last two land while listings lag behind writes: the next listing misses them.
    stack.setFaults({ listLag: { listings: 1, prefix: 'uploads/' } });
    const late = await put(plans.slice(4), bodies.slice(4));
    stack.resetStats();
    const results = await completeBatch(app, token, reported(plans, bodies, [...early, ...late]));
    expect(results.map(codeOf)).toEqual(Array(6).fill('ok'));
    expect(signerRequests()).toMatchObject({ list: 1, head: 2, put: 1 });
    expect(stack.stats().byAuth.header.requests).toBe(4);
  });

  it('a failing listing proves nothing: every upload of the batch is verified by HEAD', async () => {
    const { token } = link();
    const bodies = Array.from({ length: 3 }, (_, i) => bytesOf(`no list ${i}`));
    const plans = await plan(app, token, bodies);
    const answers = await put(plans, bodies);
    // GET Bucket answers 503 however often the SDK tries; HEAD and PUT are left alone.
    stack.setFaults({
      any: { errorRate: 1, errorCode: 'ServiceUnavailable' },
      head: {},
      put: {},
    });
    stack.resetStats();
    const results = await completeBatch(app, token, reported(plans, bodies, answers));
    expect(results.map(codeOf)).toEqual(Array(3).fill('ok'));
    const ops = signerRequests();
    expect(ops.list).toBe(stack.stats().errors.ServiceUnavailable);
    expect(ops).toMatchObject({ head: 3, put: 1 });
  });
});

describe('counting stays exact', () => {
  it('a batch verified again is counted once; two instances verifying it at once count it once', async () => {
    const { token } = link({ maxFiles: 4 });
    const bodies = Array.from({ length: 4 }, (_, i) => bytesOf(`twice ${i}`));
    const plans = await plan(app, token, bodies);
    const items = reported(plans, bodies, await put(plans, bodies));
    const [a, b] = [makeApp(), makeApp()];
    const [ra, rb] = await Promise.all([
      completeBatch(a, token, items),
      completeBatch(b, token, items),
    ]);
    expect([...ra, ...rb].map(codeOf)).toEqual(Array(8).fill('ok'));
    expect((await completeBatch(app, token, items)).map(codeOf)).toEqual(Array(4).fill('ok'));
    const info = LinkInfoResponse.parse((await call(makeApp(), '/link', token)).json);
    expect(info.link.usage).toEqual({ files: 4, bytes: bodies.reduce((n, x) => n + x.length, 0) });
    // The link is full, whichever instance is asked.
    const more = await call(makeApp(), '/uploads', token, {
      files: [{ clientId: 'x', name: 'x.txt', size: 1, type: 'text/plain' }],
    });
    expect(CreateUploadsResponse.parse(more.json).results[0]).toMatchObject({
      ok: false,
      error: { code: 'too-many-files' },
    });
  });

  it('two instances racing for the last room of a link never count beyond its limit', async () => {
    const { token, id } = link({ maxFiles: 6 });
    const [a, b] = [makeApp(), makeApp()];
    // Concurrent signing on both: exactly six accepted.
    const signed = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(i % 2 ? a : b, '/uploads', token, {
          files: [{ clientId: 'f', name: `r${i}.txt`, size: 3, type: 'text/plain' }],
        }),
      ),
    );
    const accepted = signed
      .map((r) => CreateUploadsResponse.parse(r.json).results[0]!)
      .filter((r) => r.ok)
      .map((r) => (r.ok && r.upload.kind === 'single' ? r.upload : null)!);
    expect(accepted).toHaveLength(6);
    const bodies = accepted.map((_, i) => bytesOf(`r${i}!`.slice(0, 3)));
    const items = reported(accepted, bodies, await put(accepted, bodies));
    // Completed on a third instance that has seen none of the reservations: one journal read.
    const c = makeApp();
    stack.resetStats();
    const results = await completeBatch(c, token, items);
    expect(results.map(codeOf)).toEqual(Array(6).fill('ok'));
    const ops = signerRequests();
    expect(ops.head ?? 0).toBe(0);
    expect(ops.put).toBe(1);
    // The listing of the batch, the journal head (list + get) and the ledger (list).
    expect(ops.list).toBe(3);
    expect(ops.get).toBe(1);

    // Their reservations run out; the link holds exactly six, and in flight is back to 0.
    clock += 3 * 3600_000;
    const use = await freshUse(id);
    expect(use.usage).toEqual({ files: 6, bytes: 18 });
    expect(use.inFlight).toEqual({ files: 0, bytes: 0 });
    expect(use.unverified?.files).toBe(0);
    for (const on of [a, b, c]) {
      const more = await call(on, '/uploads', token, {
        files: [{ clientId: 'x', name: 'x.txt', size: 1, type: 'text/plain' }],
      });
      expect(CreateUploadsResponse.parse(more.json).results[0]).toMatchObject({
        ok: false,
        error: { code: 'too-many-files' },
      });
    }
  });

  it('a late batch whose rooms were given to others meanwhile is counted only as far as it fits', async () => {
    const { token } = link({ maxFiles: 3 });
    const bodies = Array.from({ length: 3 }, (_, i) => bytesOf(`late ${i}`));
    const plans = await plan(app, token, bodies);
    // Their reservations run out with nothing uploaded, and another upload takes one room.
    clock += 3 * 3600_000;
    const other = makeApp();
    const [taken] = await plan(other, token, [bytesOf('x')]);
    const [x] = reported([taken!], [bytesOf('x')], await put([taken!], [bytesOf('x')]));
    expect((await completeBatch(other, token, [x])).map(codeOf)).toEqual(['ok']);
    // The old URLs still work on the store (their signatures are real time): the bytes land...
    const items = reported(plans, bodies, await put(plans, bodies));
    // ...and the instance that signed them, whose memory of their reservations is out of date,
    // reads the journal: two fit, the third is refused and its object removed.
    const results = await completeBatch(app, token, items);
    expect(results.map(codeOf)).toEqual(['ok', 'ok', 'too-many-files']);
    expect(await stack.cos.headObject(plans[2]!.key)).toBeNull();
    const info = LinkInfoResponse.parse((await call(makeApp(), '/link', token)).json);
    expect(info.link.usage?.files).toBe(3);
  });
});
