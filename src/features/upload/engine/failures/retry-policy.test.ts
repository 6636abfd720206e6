import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_CONFIG,
  decideRetry,
  parseRetryAfter,
  type Observation,
  type RetryContext,
} from './retry-policy';

const ctx = (over: Partial<RetryContext> = {}): RetryContext => ({
  failures: 0,
  progressed: false,
  resignsInRow: 0,
  reuploads: 0,
  phase: 'put',
  now: 1_000_000,
  random: 0.5, // jitter factor exactly 1
  ...over,
});

const http = (
  status: number,
  cosCode: string | null = null,
  cosMessage: string | null = null,
  retryAfter: string | null = null,
): Observation => ({ kind: 'http', status, cosCode, cosMessage, retryAfter });

describe('decideRetry: transient failures back off', () => {
  it.each([
    [{ kind: 'network' } as Observation, 'network-error'],
    [{ kind: 'timeout' } as Observation, 'timeout'],
    [{ kind: 'stalled' } as Observation, 'stalled'],
    [http(0), 'network-error'],
    [http(408), 'timeout'],
    [http(429, 'SlowDown'), 'storage-unavailable'],
    [http(500, 'InternalError'), 'storage-unavailable'],
    [http(502), 'storage-unavailable'],
    [http(503, 'ServiceUnavailable'), 'storage-unavailable'],
    [http(504), 'storage-unavailable'],
  ])('%o → retry with code %s', (obs, code) => {
    expect(decideRetry(obs, ctx())).toEqual({ action: 'retry', delayMs: 1000, failures: 1, code });
  });

  it('grows the delay with each failure and repeats the last one', () => {
    const delays: number[] = [];
    let failures = 0;
    for (let i = 0; i < 8; i++) {
      const d = decideRetry({ kind: 'network' }, ctx({ failures }));
      if (d.action !== 'retry') throw new Error('expected retry');
      delays.push(d.delayMs);
      failures = d.failures;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 15000, 30000, 30000, 30000]);
  });

  it('gives up after maxRetries failures without progress, with the last code', () => {
    expect(decideRetry({ kind: 'network' }, ctx({ failures: 7 }))).toMatchObject({
      action: 'retry',
      failures: 8,
    });
    expect(decideRetry({ kind: 'network' }, ctx({ failures: 8 }))).toEqual({
      action: 'fail',
      code: 'network-error',
    });
    expect(decideRetry(http(503), ctx({ failures: 8 }))).toEqual({
      action: 'fail',
      code: 'storage-unavailable',
    });
    expect(decideRetry({ kind: 'stalled' }, ctx({ failures: 8 }))).toEqual({
      action: 'fail',
      code: 'stalled',
    });
  });

  it('resets the counter after progress', () => {
    expect(decideRetry({ kind: 'network' }, ctx({ failures: 8, progressed: true }))).toEqual({
      action: 'retry',
      delayMs: 1000,
      failures: 1,
      code: 'network-error',
    });
  });

  it('applies jitter within ±20 %', () => {
    const low = decideRetry({ kind: 'network' }, ctx({ failures: 2, random: 0 }));
    const high = decideRetry({ kind: 'network' }, ctx({ failures: 2, random: 0.999999 }));
    expect(low).toMatchObject({ action: 'retry', delayMs: 3200 });
    expect(high).toMatchObject({ action: 'retry', delayMs: 4800 });
  });

  it('honours Retry-After in seconds and as an HTTP date, capped', () => {
    expect(decideRetry(http(429, null, null, '7'), ctx())).toMatchObject({
      action: 'retry',
      delayMs: 7000,
    });
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    const date = new Date(now + 12_000).toUTCString();
    expect(decideRetry(http(503, null, null, date), ctx({ now }))).toMatchObject({
      action: 'retry',
      delayMs: 12_000,
    });
    expect(decideRetry(http(503, null, null, '99999'), ctx())).toMatchObject({
      action: 'retry',
      delayMs: DEFAULT_RETRY_CONFIG.maxRetryAfterMs,
    });
    // Unreadable → ordinary backoff.
    expect(decideRetry(http(503, null, null, 'soon'), ctx())).toMatchObject({ delayMs: 1000 });
  });

  it('still gives up on a Retry-After storm', () => {
    expect(decideRetry(http(429, null, null, '1'), ctx({ failures: 8 }))).toEqual({
      action: 'fail',
      code: 'storage-unavailable',
    });
  });
});

describe('decideRetry: expired signatures', () => {
  it('re-signs on 403 AccessDenied "Request has expired"', () => {
    expect(decideRetry(http(403, 'AccessDenied', 'Request has expired'), ctx())).toEqual({
      action: 'resign',
    });
  });

  it('re-signs on 400 ExpiredToken (temporary keys)', () => {
    expect(decideRetry(http(400, 'ExpiredToken', 'token expired'), ctx())).toEqual({
      action: 'resign',
    });
  });

  it('bounds re-signs in a row, then fails with url-expired', () => {
    const obs = http(403, 'AccessDenied', 'Request has expired');
    expect(decideRetry(obs, ctx({ resignsInRow: 1 }))).toEqual({ action: 'resign' });
    expect(decideRetry(obs, ctx({ resignsInRow: 2 }))).toEqual({
      action: 'fail',
      code: 'url-expired',
    });
    // Progress does not reset the bound: a URL that always expires mid-transfer must end.
    expect(decideRetry(obs, ctx({ resignsInRow: 2, progressed: true }))).toEqual({
      action: 'fail',
      code: 'url-expired',
    });
  });
});

describe('decideRetry: failures explained, never looped', () => {
  it('403 SignatureDoesNotMatch → signature-mismatch', () => {
    expect(decideRetry(http(403, 'SignatureDoesNotMatch', 'invalid'), ctx())).toEqual({
      action: 'fail',
      code: 'signature-mismatch',
    });
  });

  it.each([
    ['AccessDenied', 'Access Denied.'],
    ['InvalidAccessKeyId', null],
    ['RequestTimeTooSkewed', null],
    [null, null],
  ])('403 %s → access-denied', (code, message) => {
    expect(decideRetry(http(403, code, message), ctx())).toEqual({
      action: 'fail',
      code: 'access-denied',
    });
  });

  it.each([
    [400, 'EntitySizeNotMatch'],
    [400, 'InvalidArgument'],
    [400, 'EntityTooLarge'],
    [404, 'NoSuchBucket'],
    [405, 'MethodNotAllowed'],
    [409, 'UploadConflict'],
    [411, 'MissingContentLength'],
    [413, null],
    [501, 'NotImplemented'],
    [301, null],
  ])('%d %s → storage-rejected', (status, code) => {
    expect(decideRetry(http(status, code), ctx())).toEqual({
      action: 'fail',
      code: 'storage-rejected',
    });
  });
});

describe('decideRetry: lost acknowledgements are verified', () => {
  it('409 FileAlreadyExists on a single PUT → verify', () => {
    expect(decideRetry(http(409, 'FileAlreadyExists'), ctx())).toEqual({ action: 'verify' });
  });

  it('412 on a single PUT → verify', () => {
    expect(decideRetry(http(412, 'PreconditionFailed'), ctx())).toEqual({ action: 'verify' });
  });

  it('404 NoSuchUpload on a part → verify', () => {
    expect(decideRetry(http(404, 'NoSuchUpload'), ctx({ phase: 'part' }))).toEqual({
      action: 'verify',
    });
  });

  it('NoSuchUpload on a single PUT is not a multipart matter → storage-rejected', () => {
    expect(decideRetry(http(404, 'NoSuchUpload'), ctx())).toEqual({
      action: 'fail',
      code: 'storage-rejected',
    });
  });
});

describe('decideRetry: BadDigest', () => {
  it('re-sends once, then fails with bad-digest', () => {
    expect(decideRetry(http(400, 'BadDigest'), ctx({ phase: 'part' }))).toEqual({
      action: 'reupload',
    });
    expect(decideRetry(http(400, 'BadDigest'), ctx({ phase: 'part', reuploads: 1 }))).toEqual({
      action: 'fail',
      code: 'bad-digest',
    });
  });
});

describe('decideRetry: signer calls', () => {
  it.each(['signer-unavailable', 'rate-limited', 'internal-error', 'storage-error'] as const)(
    '%s → retry',
    (code) => {
      expect(
        decideRetry(
          { kind: 'signer', code, status: 503, retryAfter: null },
          ctx({ phase: 'signer' }),
        ),
      ).toMatchObject({ action: 'retry', code, failures: 1 });
    },
  );

  it.each([
    'link-expired',
    'link-revoked',
    'quota-exceeded',
    'ticket-invalid',
    'invalid-request',
  ] as const)('%s → fail with the same code', (code) => {
    expect(
      decideRetry(
        { kind: 'signer', code, status: 410, retryAfter: null },
        ctx({ phase: 'signer' }),
      ),
    ).toEqual({ action: 'fail', code });
  });

  it('honours the signer Retry-After', () => {
    expect(
      decideRetry(
        { kind: 'signer', code: 'rate-limited', status: 429, retryAfter: '3' },
        ctx({ phase: 'signer' }),
      ),
    ).toMatchObject({ action: 'retry', delayMs: 3000 });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, dates and rejects garbage', () => {
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter(' 2 ', 0)).toBe(2000);
    expect(parseRetryAfter('0.5', 0)).toBe(500);
    expect(parseRetryAfter('nonsense', 0)).toBeNull();
    expect(parseRetryAfter(new Date(5000).toUTCString(), 10_000)).toBe(0);
  });
});
