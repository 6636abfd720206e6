// @vitest-environment jsdom
/**
 * The engine with its real default parts (axios over jsdom's XMLHttpRequest, with CORS
 * checks, and the in-process CRC64 hasher) against a loopback HTTP server that plays a strict
 * COS. Checks that the parts fit: signed headers arrive exactly, ETags are read through the
 * CORS ExposeHeader, single and multipart files end verified. Real timers, small files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../../testing/loopback-server';
import { createAxiosTransport } from './transfer/axios-transport';
import { createInlineCrc64Hasher } from './integrity/crc64-hasher';
import { createUploadEngine } from './create-upload-engine';
import { FakeCos } from './testing/fake-cos';
import { FakeSigner } from './testing/fake-signer';
import type { EngineSnapshot, UploadEngine } from './types';

let server: LoopbackServer | undefined;
let engine: UploadEngine | undefined;

afterEach(async () => {
  engine?.destroy();
  await server?.close();
});

/** A loopback "COS" whose CORS rule exposes `exposeHeaders`, and a signer minting its URLs. */
async function startCos(
  exposeHeaders: string[],
  sizes: { multipartThreshold: number; partSize: number },
) {
  // The server must exist before the COS that mints URLs for its origin.
  const holder: { cos?: FakeCos } = {};
  const s = await startLoopbackServer(
    async (req) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers[name] = value;
      return holder.cos!.handlePut(
        `${s.origin}${req.url}`,
        new Blob([req.body as BlobPart]),
        headers,
      );
    },
    { cors: { exposeHeaders } },
  );
  const cos = new FakeCos(() => Date.now(), s.origin);
  holder.cos = cos;
  const signer = new FakeSigner({ cos, now: () => Date.now(), ...sizes });
  server = s;
  engine = createUploadEngine({
    signer,
    transport: createAxiosTransport(),
    hasher: createInlineCrc64Hasher(),
    options: { concurrency: 3 },
    env: { online$: { isOnline: () => true, subscribe: () => () => {} } },
  });
  return { server: s, cos, signer, engine };
}

function settled(e: UploadEngine) {
  return new Promise<EngineSnapshot>((resolve) => {
    const unsubscribe = e.subscribe(() => {
      const snap = e.getSnapshot();
      const finished = ['done', 'failed', 'cancelled', 'rejected'];
      if (snap.files.every((f) => finished.includes(f.status))) {
        unsubscribe();
        resolve(snap);
      }
    });
  });
}

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 7 + seed) & 0xff;
  return out;
}

describe('engine over XHR (jsdom) against a loopback COS', () => {
  it('uploads single and multipart files and verifies them', async () => {
    const {
      server: s,
      cos,
      engine: e,
    } = await startCos(['ETag', 'x-cos-hash-crc64ecma', 'x-cos-request-id'], {
      multipartThreshold: 4096,
      partSize: 1024,
    });
    e.addFiles([
      { file: new File([bytes(3000, 1) as BlobPart], 'a.txt', { type: 'text/plain' }) },
      { file: new File([bytes(5000, 2) as BlobPart], 'b.bin') },
    ]);
    const snap = await settled(e);
    expect(snap.files.map((f) => [f.status, f.mode])).toEqual([
      ['done', 'single'],
      ['done', 'multipart'],
    ]);
    expect(cos.objects.get('uploads/1/a.txt')?.bytes).toEqual(bytes(3000, 1));
    expect(cos.objects.get('uploads/2/b.bin')?.bytes).toEqual(bytes(5000, 2));
    const single = s.requests.find((r) => r.url.startsWith('/uploads%2F1'))!;
    expect(single.headers['content-type']).toBe('text/plain');
    expect(single.headers['x-cos-forbid-overwrite']).toBe('true');
    const lastPart = s.requests.find((r) => r.url.includes('partNumber=5'))!;
    expect(lastPart.headers['content-type']).toBeUndefined();
    expect(lastPart.body.length).toBe(5000 - 4 * 1024);
  });

  it("reports a single PUT's ETag and CRC64 as read through CORS, and only what is exposed", async () => {
    const sizes = { multipartThreshold: 1 << 20, partSize: 1 << 20 };
    const full = await startCos(['ETag', 'x-cos-hash-crc64ecma'], sizes);
    full.engine.addFiles([{ file: new File([bytes(700, 4) as BlobPart], 'd.bin') }]);
    expect((await settled(full.engine)).files[0]!.status).toBe('done');
    const stored = full.cos.objects.get('uploads/1/d.bin')!;
    expect(full.signer.calls.complete[0]).toEqual({
      ticket: expect.any(String),
      crc64: stored.crc64,
      etag: stored.etag,
      cosCrc64: stored.crc64,
    });
    full.engine.destroy();
    await full.server.close();

    const etagOnly = await startCos(['ETag'], sizes);
    etagOnly.engine.addFiles([{ file: new File([bytes(700, 5) as BlobPart], 'e.bin') }]);
    expect((await settled(etagOnly.engine)).files[0]!.status).toBe('done');
    const [call] = etagOnly.signer.calls.complete;
    expect(call).toHaveProperty('etag');
    expect(call).not.toHaveProperty('cosCrc64');
  });

  it('a bucket whose CORS rule hides ETag makes multipart fail with etag-unreadable', async () => {
    const { server: s, engine: e } = await startCos(['x-cos-hash-crc64ecma'], {
      multipartThreshold: 100,
      partSize: 100,
    });
    e.addFiles([{ file: new File([bytes(250, 3) as BlobPart], 'c.bin') }]);
    const snap = await settled(e);
    expect(snap.files[0]).toMatchObject({ status: 'failed', error: { code: 'etag-unreadable' } });
    // COS did answer with an ETag; only the browser hid it.
    expect(s.requests.length).toBeGreaterThan(0);
  });
});
