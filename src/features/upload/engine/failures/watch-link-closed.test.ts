import { describe, expect, it } from 'vitest';
import type { SignerApi } from '../ports/signer';
import { FakeSignerError, signerError } from '../testing/fake-signer-error';
import { watchLinkClosed } from './watch-link-closed';

const METHODS = [
  'createUploads',
  'sign',
  'complete',
  'completeBatch',
  'abort',
  'listParts',
] as const;

function failing(error: unknown): SignerApi {
  const reject = () => Promise.reject(error);
  return Object.fromEntries(METHODS.map((m) => [m, reject])) as unknown as SignerApi;
}

describe('watchLinkClosed', () => {
  it.each(METHODS)('reports a revoked or expired link met by %s, and still throws', async (m) => {
    for (const code of ['link-revoked', 'link-expired'] as const) {
      const error = signerError(code);
      const seen: string[] = [];
      const api = watchLinkClosed(failing(error), (closed) => seen.push(closed));
      await expect((api[m] as (...a: unknown[]) => Promise<unknown>)({})).rejects.toBe(error);
      expect(seen).toEqual([code]);
    }
  });

  it('stays quiet about every other failure and passes answers through', async () => {
    const seen: string[] = [];
    const other = new FakeSignerError('link-tampered', 401, 'x');
    const api = watchLinkClosed(failing(other), (closed) => seen.push(closed));
    await expect(api.sign({ ticket: 't' })).rejects.toBe(other);
    await expect(
      watchLinkClosed(failing(new Error('boom')), () => {}).abort({ ticket: 't' }),
    ).rejects.toThrow('boom');
    const ok = watchLinkClosed(
      { ...failing(other), listParts: () => Promise.resolve({ serverTime: 1, parts: [] }) },
      (closed) => seen.push(closed),
    );
    expect(await ok.listParts({ ticket: 't' })).toEqual({ serverTime: 1, parts: [] });
    expect(seen).toEqual([]);
  });
});
