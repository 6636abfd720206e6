import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, nextStep, parseRetryAfter } from './delivery-policy';

const p = DEFAULT_RETRY_POLICY;
const transient = {
  kind: 'transient',
  status: 500,
  problem: { code: 'http', detail: '500' },
} as const;

describe('delivery policy', () => {
  it('backs off exponentially with jitter between half and the whole step, capped at an hour', () => {
    expect(backoffMs(1, p, () => 0)).toBe(5_000);
    expect(backoffMs(1, p, () => 1)).toBe(10_000);
    expect(backoffMs(2, p, () => 0.5)).toBe(15_000);
    expect(backoffMs(4, p, () => 1)).toBe(80_000);
    expect(backoffMs(30, p, () => 1)).toBe(3600_000);
    expect(backoffMs(30, p, () => 0)).toBe(1800_000);
  });

  it('retries transient failures, honouring Retry-After, and stops on the rest', () => {
    expect(nextStep({ kind: 'delivered', status: 200 }, 1, 0, 0)).toEqual({ status: 'delivered' });
    const notFound = { code: 'http', detail: '404' } as const;
    expect(nextStep({ kind: 'permanent', status: 404, problem: notFound }, 1, 0, 0)).toEqual({
      status: 'failed',
      problem: notFound,
    });
    expect(nextStep(transient, 1, 0, 1000, p, () => 1)).toEqual({
      status: 'retry',
      nextAt: 11_000,
    });
    expect(nextStep({ ...transient, retryAfterMs: 120_000 }, 1, 0, 1000, p, () => 1)).toEqual({
      status: 'retry',
      nextAt: 121_000,
    });
  });

  it('gives up once the next try would be more than 24 h after the event', () => {
    const day = 24 * 3600_000;
    const step = nextStep(transient, 40, 0, day - 60_000, p, () => 1);
    expect(step).toEqual({
      status: 'failed',
      problem: { code: 'http', detail: '500', gaveUpAfterHours: 24 },
    });
    // A Retry-After beyond the window is not waited for either.
    expect(nextStep({ ...transient, retryAfterMs: day + 1000 }, 1, 0, 0, p, () => 0).status).toBe(
      'failed',
    );
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
