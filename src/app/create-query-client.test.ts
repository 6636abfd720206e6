import { describe, expect, it } from 'vitest';
import { SignerError } from '../lib/api-client';
import { createQueryClient } from './create-query-client';

const retry = createQueryClient().getDefaultOptions().queries!.retry as (
  failureCount: number,
  error: unknown,
) => boolean;

const failure = (status: number) =>
  new SignerError({ code: 'internal-error', status, message: 'test' });

describe('createQueryClient', () => {
  it('never retries an answer that a retry cannot change', () => {
    for (const status of [400, 401, 403, 404, 410, 413, 415]) {
      expect(retry(0, failure(status)), String(status)).toBe(false);
    }
  });

  it('retries missing answers, 5xx, 408 and 429 twice', () => {
    for (const status of [0, 408, 429, 500, 502, 503]) {
      expect(retry(0, failure(status)), String(status)).toBe(true);
      expect(retry(1, failure(status)), String(status)).toBe(true);
      expect(retry(2, failure(status)), String(status)).toBe(false);
    }
  });

  it('does not refetch when the tab regains focus', () => {
    expect(createQueryClient().getDefaultOptions().queries!.refetchOnWindowFocus).toBe(false);
  });
});
