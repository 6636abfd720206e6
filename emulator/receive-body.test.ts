import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crc64 } from '../protocol/crc64';
import { receiveBody, type ReceivedBody } from './receive-body';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A server that receives one body with receiveBody and reports the outcome. */
async function receiveOne(
  send: (req: http.ClientRequest) => void,
  options: { declaredLength?: number; expectedMd5?: Buffer } = {},
): Promise<{ result: ReceivedBody | Error; tmpDir: string }> {
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'receive-body-'));
  cleanup.push(() => rm(tmpDir, { recursive: true, force: true }));
  let outcome!: Promise<ReceivedBody | Error>;
  const server = http.createServer((req, res) => {
    outcome = receiveBody({
      req,
      tmpDir,
      declaredLength: options.declaredLength,
      maxBytes: 1024 * 1024 * 1024,
      expectedMd5: options.expectedMd5,
    }).catch((e: Error) => e);
    void outcome.then(() => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  await new Promise<void>((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'PUT' },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', () => resolve());
    send(req);
  });
  return { result: await outcome, tmpDir };
}

describe('receiveBody', () => {
  // Below 32 MiB MD5 is computed on the main thread, from there on a worker thread.
  it.each([
    ['on the main thread', 20 * 1024 * 1024 + 333],
    ['on the worker thread', 40 * 1024 * 1024 + 333],
  ])(
    'stores a body of many MiB exactly, sent in uneven pieces, with its MD5 (%s) and CRC-64',
    async (_, size) => {
      const body = randomBytes(size);
      const { result } = await receiveOne(
        (req) => {
          // Pieces of 1 B to 3 MiB, so reads, writes and the end interleave in every way.
          let at = 0;
          const sizes = [1, 100_000, 3 * 1024 * 1024, 7, 65_536, 1024 * 1024];
          const next = (): void => {
            for (let k = 0; at < body.length; k++) {
              const piece = body.subarray(at, at + sizes[k % sizes.length]!);
              at += piece.length;
              if (!req.write(piece)) return void req.once('drain', next);
            }
            req.end();
          };
          next();
        },
        { declaredLength: body.length },
      );
      if (result instanceof Error) throw result;
      expect(result.size).toBe(body.length);
      expect(result.md5.equals(createHash('md5').update(body).digest())).toBe(true);
      expect(result.crc64).toBe(crc64(body));
      expect((await readFile(result.path)).equals(body)).toBe(true);
    },
  );

  it.each([
    ['on the main thread', 12 * 1024 * 1024],
    ['on the worker thread', 33 * 1024 * 1024],
  ])(
    'refuses a body whose Content-MD5 does not match (%s), and leaves no file behind',
    async (_, size) => {
      const body = randomBytes(size);
      const { result, tmpDir } = await receiveOne((req) => req.end(body), {
        declaredLength: body.length,
        expectedMd5: createHash('md5').update('something else').digest(),
      });
      expect(result).toMatchObject({ code: 'BadDigest' });
      expect(await readdir(tmpDir)).toEqual([]);
    },
  );
});
