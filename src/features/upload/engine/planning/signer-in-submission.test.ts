import { describe, expect, it, vi } from 'vitest';
import type { SignerApi } from '../ports/signer';
import { FakeSignerError } from '../testing/fake-signer-error';
import { signerInSubmission } from './signer-in-submission';

const closed = () => new FakeSignerError('submission-closed', 409, 'closed');

function fakeSigner(): SignerApi {
  return {
    createUploads: vi.fn(async () => ({ serverTime: 1, results: [] })),
    sign: vi.fn(async () => {
      throw closed();
    }),
    complete: vi.fn(async () => {
      throw new FakeSignerError('checksum-mismatch', 409, 'bad');
    }),
    completeBatch: vi.fn(async () => ({
      serverTime: 1,
      results: [
        { ok: false as const, error: { code: 'submission-closed' as const, message: 'closed' } },
      ],
    })),
    abort: vi.fn(async () => {}),
    listParts: vi.fn(async () => ({ serverTime: 1, parts: [] })),
  };
}

describe('signerInSubmission', () => {
  it('plans every batch with the submission token, asked for with the batch’s signal', async () => {
    const signer = fakeSigner();
    const token = vi.fn(async () => 'tok-1');
    const api = signerInSubmission(signer, { token, noticeClosed: vi.fn() });
    const signal = new AbortController().signal;
    const files = [{ clientId: 'f1', name: 'a.txt', size: 1, type: 'text/plain' }];
    await api.createUploads({ files }, { signal });
    expect(token).toHaveBeenCalledWith(signal);
    expect(signer.createUploads).toHaveBeenCalledWith({ files, submission: 'tok-1' }, { signal });
  });

  it('plans without a token when the session has none', async () => {
    const signer = fakeSigner();
    const api = signerInSubmission(signer, { token: async () => undefined, noticeClosed: vi.fn() });
    const files = [{ clientId: 'f1', name: 'a.txt', size: 1, type: 'text/plain' }];
    await api.createUploads({ files });
    expect(signer.createUploads).toHaveBeenCalledWith({ files }, undefined);
  });

  it('does not plan when the submission cannot open (a gate), and passes the refusal on', async () => {
    const signer = fakeSigner();
    const refusal = new FakeSignerError('password-required', 401, 'no');
    const api = signerInSubmission(signer, {
      token: async () => Promise.reject(refusal),
      noticeClosed: vi.fn(),
    });
    await expect(api.createUploads({ files: [] })).rejects.toBe(refusal);
    expect(signer.createUploads).not.toHaveBeenCalled();
  });

  it('tells the session when a call finds the submission closed, and only then', async () => {
    const noticeClosed = vi.fn();
    const api = signerInSubmission(fakeSigner(), { token: async () => 't', noticeClosed });
    await expect(api.complete({ ticket: 't' })).rejects.toMatchObject({
      code: 'checksum-mismatch',
    });
    expect(noticeClosed).not.toHaveBeenCalled();
    await expect(api.sign({ ticket: 't' })).rejects.toMatchObject({ code: 'submission-closed' });
    expect(noticeClosed).toHaveBeenCalledTimes(1);
    await api.completeBatch({ uploads: [] });
    expect(noticeClosed).toHaveBeenCalledTimes(2);
  });
});
