/**
 * When to try a delivery again: a small pure decision (like the portal's upload retries).
 * Timeouts, network failures, 5xx, 408 and 429 are worth another attempt, with exponential
 * backoff and jitter, honouring `Retry-After`, for up to 24 hours after the event; any other
 * 4xx (and a refused address) stops at once with the reason recorded, because sending the same
 * thing again will not change the answer.
 */
import type { DeliveryProblem } from './delivery-problem';

export type AttemptOutcome =
  | { kind: 'delivered'; status: number | null }
  | { kind: 'transient'; status: number | null; problem: DeliveryProblem; retryAfterMs?: number }
  | { kind: 'permanent'; status: number | null; problem: DeliveryProblem };

export interface RetryPolicy {
  /** Delay before the second attempt; doubles each time. */
  baseMs: number;
  maxDelayMs: number;
  /** How long after the event attempts continue. */
  windowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 10_000,
  maxDelayMs: 3600_000,
  windowMs: 24 * 3600_000,
};

export type NextStep =
  | { status: 'delivered' }
  | { status: 'failed'; problem: DeliveryProblem }
  | { status: 'retry'; nextAt: number };

export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  // "Equal jitter": at least half the step, so retries spread out without collapsing to zero.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * What follows attempt number `attempt` (1 for the first) of an event created at `createdAt`.
 */
export function nextStep(
  outcome: AttemptOutcome,
  attempt: number,
  createdAt: number,
  now: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): NextStep {
  if (outcome.kind === 'delivered') return { status: 'delivered' };
  if (outcome.kind === 'permanent') return { status: 'failed', problem: outcome.problem };
  const delay = Math.max(backoffMs(attempt, policy, random), outcome.retryAfterMs ?? 0);
  const nextAt = now + delay;
  if (nextAt > createdAt + policy.windowMs) {
    return {
      status: 'failed',
      problem: { ...outcome.problem, gaveUpAfterHours: Math.round(policy.windowMs / 3600_000) },
    };
  }
  return { status: 'retry', nextAt };
}

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or invalid. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number,
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}
