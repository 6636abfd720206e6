/**
 * Resume records in memory: for the engine's tests and for places without IndexedDB that
 * still want resume within one page's life (nothing survives a reload here).
 */
import type { ResumeRecord, ResumeStore } from '../engine/types';

export interface MemoryResumeStore extends ResumeStore {
  /** The records as stored now (copies), by upload id. */
  readonly records: ReadonlyMap<string, ResumeRecord>;
  /** Every write, in order: ['put', uploadId] or ['remove', uploadId]. */
  readonly writes: ReadonlyArray<readonly ['put' | 'remove', string]>;
}

export function createMemoryResumeStore(initial: readonly ResumeRecord[] = []): MemoryResumeStore {
  const records = new Map<string, ResumeRecord>(
    initial.map((r) => [r.uploadId, structuredClone(r)]),
  );
  const writes: Array<readonly ['put' | 'remove', string]> = [];
  return {
    records,
    writes,
    list: async () => [...records.values()].map((r) => structuredClone(r)),
    async put(record) {
      writes.push(['put', record.uploadId]);
      records.set(record.uploadId, structuredClone(record));
    },
    async remove(uploadId) {
      writes.push(['remove', uploadId]);
      records.delete(uploadId);
    },
  };
}
