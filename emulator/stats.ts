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

export type EmulatorStats = Record<StatsOperation, number> & {
  /** Every request received, including ones rejected before routing. */
  requests: number;
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
      bytesReceived: 0,
      errors: {},
      faults: { error: 0, drop: 0, commitThenDrop: 0 },
    };
  }

  request(): void {
    this.stats.requests++;
  }

  operation(op: StatsOperation): void {
    this.stats[op]++;
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
