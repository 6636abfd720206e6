import type { InjectedFault } from './faults';

/** Operations counted by the emulator (one request = one count, whatever its outcome). */
export const STATS_OPERATIONS = [
  'put',
  'part',
  'initiate',
  'complete',
  'abort',
  'listParts',
  'listUploads',
  'head',
  'get',
  'delete',
  'list',
  'preflight',
  'putCors',
  'getCors',
  'deleteCors',
  'headBucket',
  'getAcl',
  'putVersioning',
  'getVersioning',
  'other',
] as const;
export type StatsOperation = (typeof STATS_OPERATIONS)[number];

/**
 * How a request was signed, which tells its caller apart even when every caller uses the same
 * key: `header` is the `Authorization` header the COS SDKs send for server-side calls (the
 * signer's own work: verification, its state, multipart initiate and complete), `url` a
 * pre-signed URL (what the signer hands browsers and scripts), `none` no signature at all
 * (CORS preflights, anonymous reads). Judged from the request's form, before the signature is
 * checked, so refused requests are counted too.
 */
export const AUTH_KINDS = ['header', 'url', 'none'] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** One caller's counts: its requests and each operation's share of them. */
export type CallerStats = Partial<Record<StatsOperation, number>> & { requests: number };

export type EmulatorStats = Record<StatsOperation, number> & {
  /** Every request received, including ones rejected before routing. */
  requests: number;
  /** Requests routed to an operation, by how they were signed (see AUTH_KINDS). */
  byAuth: Record<AuthKind, CallerStats>;
  /** Request-body bytes received (stored or not). */
  bytesReceived: number;
  /** Error responses by COS error code (e.g. `SignatureDoesNotMatch`, `IncompleteBody`). */
  errors: Record<string, number>;
  /** Injected faults that took effect. */
  faults: Record<InjectedFault, number>;
};

export class StatsCounter {
  private stats: EmulatorStats = StatsCounter.empty();

  private static empty(): EmulatorStats {
    const ops = Object.fromEntries(STATS_OPERATIONS.map((op) => [op, 0])) as Record<
      StatsOperation,
      number
    >;
    return {
      ...ops,
      requests: 0,
      byAuth: { header: { requests: 0 }, url: { requests: 0 }, none: { requests: 0 } },
      bytesReceived: 0,
      errors: {},
      faults: { error: 0, drop: 0, commitThenDrop: 0 },
    };
  }

  request(): void {
    this.stats.requests++;
  }

  /** A request routed to `op`, signed as `auth` says (omitted: counted by operation only). */
  operation(op: StatsOperation, auth?: AuthKind): void {
    this.stats[op]++;
    if (auth) {
      const caller = this.stats.byAuth[auth];
      caller.requests++;
      caller[op] = (caller[op] ?? 0) + 1;
    }
  }

  error(code: string): void {
    this.stats.errors[code] = (this.stats.errors[code] ?? 0) + 1;
  }

  fault(kind: InjectedFault): void {
    this.stats.faults[kind]++;
  }

  bytes(count: number): void {
    this.stats.bytesReceived += count;
  }

  /** A copy, so callers can keep snapshots and compare. */
  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsCounter.empty();
  }
}
