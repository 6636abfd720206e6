/**
 * Engine: signed URLs are checked before any byte is sent (signed-request-check.ts). A signer
 * that hands out URLs for another host makes the file fail with `url-rejected`, single PUT and
 * multipart alike, and nothing reaches the network.
 */
import { describe, expect, it } from 'vitest';
import { createHarness, makeFile, type Harness, fakeClockPerTest } from './testing/engine-harness';
import { FakeCos } from './testing/fake-cos';
import { FakeSigner } from './testing/fake-signer';

let h: Harness;

fakeClockPerTest(() => h);

/** A signer whose URLs point to `origin`. */
function serverAt(origin: string) {
  const cos = new FakeCos(() => Date.now(), origin);
  const signer = new FakeSigner({
    cos,
    now: () => Date.now(),
    multipartThreshold: 1000,
    partSize: 256,
  });
  return { cos, signer };
}

/** A signer whose URLs point at another host than the storage the page expects. */
const signedForAnotherHost = () =>
  createHarness({
    server: serverAt('https://attacker.example'),
    storageOrigin: 'https://cos.test',
  });

describe('signed URL check', () => {
  it('uploads when the URLs point to the configured storage origin', async () => {
    h = createHarness({ server: serverAt('https://cos.test'), storageOrigin: 'https://cos.test' });
    h.engine.addFiles([{ file: makeFile('a.txt', 500) }, { file: makeFile('b.bin', 2000) }]);
    await h.until(() => h.allSettled());
    expect(h.snapshot().files.map((f) => f.status)).toEqual(['done', 'done']);
  });

  it('refuses a single PUT URL for another host before sending anything', async () => {
    h = signedForAnotherHost();
    h.engine.addFiles([{ file: makeFile('a.txt', 500) }]);
    await h.until(() => h.allSettled());
    expect(h.entry().status).toBe('failed');
    expect(h.entry().error).toMatchObject({
      code: 'url-rejected',
      detail: 'origin https://attacker.example',
    });
    expect(h.transport.requests).toHaveLength(0);
  });

  it('refuses part URLs for another host before sending anything', async () => {
    h = signedForAnotherHost();
    h.engine.addFiles([{ file: makeFile('b.bin', 2000) }]);
    await h.until(() => h.allSettled());
    expect(h.entry().status).toBe('failed');
    expect(h.entry().error?.code).toBe('url-rejected');
    expect(h.signer.calls.sign.length).toBeGreaterThan(0);
    expect(h.transport.requests).toHaveLength(0);
  });

  it('without a configured origin the other checks still apply', async () => {
    h = createHarness({ server: serverAt('https://anywhere.example') });
    const realSign = h.signer.sign.bind(h.signer);
    h.signer.sign = async (body) => {
      const res = await realSign(body);
      for (const part of res.parts ?? []) part.request.headers['x-cos-acl'] = 'public-read';
      return res;
    };
    h.engine.addFiles([{ file: makeFile('b.bin', 2000) }]);
    await h.until(() => h.allSettled());
    expect(h.entry().error).toMatchObject({ code: 'url-rejected', detail: 'header x-cos-acl' });
    expect(h.transport.requests).toHaveLength(0);
  });
});
