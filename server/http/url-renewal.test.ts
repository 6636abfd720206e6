/**
 * URL renewal against the store the unit tests run (server/testing/test-stack.ts): a PUT whose
 * signature ends while its body is still arriving is cut off with 403 "Request has expired",
 * as COS documents, and the same upload goes through on a URL signed again. A store that let
 * the late PUT finish would make this whole path untested.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../protocol/crc64';
import { createLogger } from '../log/logger';
import type { RunningSigner } from '../start-signer';
import { startSigner } from '../start-signer';
import { apiScript, completed } from '../testing/api-script';
import { sendSigned } from '../testing/test-stack';
import type { TestStack } from '../testing/test-stack';
import { startTestStack } from '../testing/test-stack';

let stack: TestStack;
let signer: RunningSigner;
/** Added to the emulator's clock only: its signatures run out while the signer's do not. */
let storeOffsetMs = 0;

beforeAll(async () => {
  stack = await startTestStack({ STATE_CACHE_SECONDS: '0' }, () => Date.now() + storeOffsetMs);
  signer = await startSigner(stack.config, { cos: stack.cos, logger: createLogger('silent') });
});
afterAll(async () => {
  await signer?.close();
  await stack?.close();
});

/** Sends half the body, lets the store's clock pass the URL's end, then sends the rest. */
function putAcrossExpiry(
  signed: { url: string; headers: Record<string, string> },
  body: Uint8Array,
): Promise<{ status: number; text: string }> {
  const url = new URL(signed.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'PUT',
        path: url.pathname + url.search,
        headers: { ...signed.headers, 'Content-Length': String(body.length) },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const half = body.length / 2;
    req.write(body.subarray(0, half));
    setTimeout(() => {
      storeOffsetMs = 3_600_000;
    }, 100);
    setTimeout(() => req.end(body.subarray(half)), 600);
  });
}

describe('URL renewal against the test store', () => {
  it('a PUT still sending when its URL ends is interrupted; a re-signed URL lands it', async () => {
    const { token } = await signer.mintLink({});
    const api = apiScript(signer.url, token);
    const body = new Uint8Array(64 * 1024).fill(0x62);
    const [created] = await api.create([{ name: 'late.bin', size: body.length }]);
    if (!created!.ok || created!.upload.kind !== 'single') throw new Error('not signed');
    const late = await putAcrossExpiry(created!.upload.request, body);
    expect(late.status).toBe(403);
    expect(late.text).toContain('<Message>Request has expired</Message>');
    storeOffsetMs = 0;
    expect(await stack.cos.headObject(created!.upload.key)).toBeNull();

    const fresh = await api.sign(created!.upload.ticket);
    expect((await sendSigned(fresh, body)).status).toBe(200);
    const done = await api.complete(created!.upload.ticket, crc64(body));
    expect(completed(done)).toMatchObject({ verified: true, size: body.length });
  });
});
