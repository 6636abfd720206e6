import { z } from 'zod';
import { CosError } from './cos-error';
import { ListingLag, listLagSchema } from './listing-lag';

/**
 * Fault injection, off by default. Each rule belongs to one operation; `any` covers operations
 * without a rule of their own. All randomness comes from one seedable generator, so a failing
 * run can be replayed with the same `seed` (reported by `GET /faults`).
 */

export const FAULT_OPERATIONS = [
  'put',
  'part',
  'complete',
  'initiate',
  'head',
  'get',
  'any',
] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];

export const FAULT_ERROR_CODES = ['InternalError', 'ServiceUnavailable', 'SlowDown'] as const;
export type FaultErrorCode = (typeof FAULT_ERROR_CODES)[number];

const probability = z.number().min(0).max(1);

export const faultRuleSchema = z.strictObject({
  /** Probability of answering `errorCode` instead of handling the request. */
  errorRate: probability.optional(),
  /** 500 InternalError (default), 503 ServiceUnavailable or 429 SlowDown. */
  errorCode: z.enum(FAULT_ERROR_CODES).optional(),
  /** `Retry-After` seconds sent with SlowDown and ServiceUnavailable (default 1). */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Destroy the socket once this many request-body bytes have arrived. */
  dropAfterBytes: z.number().int().min(0).optional(),
  /** Probability that `dropAfterBytes` applies to a given request (default 1). */
  dropRate: probability.optional(),
  /** Added before the request is handled. */
  latencyMs: z.number().int().min(0).optional(),
  /** Request bodies are read no faster than this. */
  bandwidthBytesPerSec: z.number().positive().optional(),
  /** Probability of storing the result, then destroying the socket without answering. */
  commitThenDropRate: probability.optional(),
  /** Stop injecting after this many injected faults (errors, drops, commit-then-drops). */
  maxFaults: z.number().int().min(0).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultConfigSchema = z.strictObject({
  seed: z.number().int().optional(),
  put: faultRuleSchema.optional(),
  part: faultRuleSchema.optional(),
  complete: faultRuleSchema.optional(),
  initiate: faultRuleSchema.optional(),
  head: faultRuleSchema.optional(),
  get: faultRuleSchema.optional(),
  any: faultRuleSchema.optional(),
  /** Newly written objects missing from GET Bucket for a while (listing-lag.ts). */
  listLag: listLagSchema.optional(),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

/** Parses a fault configuration (env JSON, admin API); throws with a readable message. */
export function parseFaultConfig(input: unknown): FaultConfig {
  const result = faultConfigSchema.safeParse(input);
  if (!result.success)
    throw new Error(`invalid fault configuration: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** mulberry32: tiny, fast, good enough for test randomness, and reproducible from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type InjectedFault = 'error' | 'drop' | 'commitThenDrop';

/** What to do to one request, decided once when it starts. */
export interface FaultPlan {
  latencyMs: number;
  error?: CosError;
  dropAfterBytes?: number;
  bandwidthBytesPerSec?: number;
  commitThenDrop: boolean;
}

const NO_FAULTS: FaultPlan = { latencyMs: 0, commitThenDrop: false };

const STATUS: Record<FaultErrorCode, number> = {
  InternalError: 500,
  ServiceUnavailable: 503,
  SlowDown: 429,
};
const MESSAGE: Record<FaultErrorCode, string> = {
  InternalError: 'We encountered an internal error. Please try again.',
  ServiceUnavailable: 'Service is unavailable. Please try again.',
  SlowDown: 'Please reduce your request rate.',
};

export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number = Math.random;
  private seed = 0;
  private readonly injected = new Map<string, number>();
  /** GET Bucket's lag for new objects (off unless `listLag` is set). */
  listing: ListingLag = new ListingLag(undefined, 0);

  constructor(
    initial: FaultConfig = {},
    private readonly onInjected: (fault: InjectedFault) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.set(initial);
  }

  /** Replaces the whole configuration (`{}` turns faults off) and restarts the generator. */
  set(config: FaultConfig): void {
    this.config = parseFaultConfig(config);
    this.seed = config.seed ?? (Math.random() * 2 ** 31) >>> 0;
    this.random = seededRandom(this.seed);
    this.injected.clear();
    this.listing = new ListingLag(this.config.listLag, this.now());
  }

  /** The active configuration, with the seed actually in use. */
  get(): FaultConfig {
    return { ...this.config, seed: this.seed };
  }

  private ruleFor(op: FaultOperation | undefined): [string, FaultRule] | undefined {
    if (op && op !== 'any' && this.config[op]) return [op, this.config[op]];
    return this.config.any ? ['any', this.config.any] : undefined;
  }

  private budgetLeft(ruleName: string, rule: FaultRule): boolean {
    return rule.maxFaults === undefined || (this.injected.get(ruleName) ?? 0) < rule.maxFaults;
  }

  private spend(ruleName: string, fault: InjectedFault): void {
    this.injected.set(ruleName, (this.injected.get(ruleName) ?? 0) + 1);
    this.onInjected(fault);
  }

  /** Decides the faults for one request of operation `op` (undefined: not a fault target). */
  plan(op: FaultOperation | undefined): FaultPlan {
    const found = this.ruleFor(op);
    if (!found) return NO_FAULTS;
    const [name, rule] = found;
    const plan: FaultPlan = {
      latencyMs: rule.latencyMs ?? 0,
      commitThenDrop: false,
      ...(rule.bandwidthBytesPerSec ? { bandwidthBytesPerSec: rule.bandwidthBytesPerSec } : {}),
    };
    if (rule.errorRate && this.budgetLeft(name, rule) && this.random() < rule.errorRate) {
      const code = rule.errorCode ?? 'InternalError';
      const headers: Record<string, string> =
        code === 'InternalError' ? {} : { 'Retry-After': String(rule.retryAfterSeconds ?? 1) };
      plan.error = new CosError(STATUS[code], code, MESSAGE[code], {}, headers);
      this.spend(name, 'error');
      return plan;
    }
    if (
      rule.dropAfterBytes !== undefined &&
      this.budgetLeft(name, rule) &&
      this.random() < (rule.dropRate ?? 1)
    ) {
      plan.dropAfterBytes = rule.dropAfterBytes;
      // Counted when the drop actually happens (a short body may never reach the threshold).
    }
    if (
      rule.commitThenDropRate &&
      this.budgetLeft(name, rule) &&
      this.random() < rule.commitThenDropRate
    ) {
      plan.commitThenDrop = true;
    }
    return plan;
  }

  /** Records a planned drop or commit-then-drop at the moment it happens. */
  record(op: FaultOperation | undefined, fault: Exclude<InjectedFault, 'error'>): void {
    const found = this.ruleFor(op);
    if (found) this.injected.set(found[0], (this.injected.get(found[0]) ?? 0) + 1);
    this.onInjected(fault);
  }
}
