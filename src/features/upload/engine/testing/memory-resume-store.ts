/**
 * Resume records in memory, for the engine's tests (the browser's store is IndexedDB, see
 * ../../resume). Test-only: nothing here survives a reload.
 */
import type { ResumeRecord, ResumeStore } from '../ports/resume-store';

export interface MemoryResumeStore extends ResumeStore {
  /** The records as stored now (copies), by upload id. */
  readonly records: ReadonlyMap<string, ResumeRecord>;
  /** Every write, in order: ['put', uploadId] or ['remove', uploadId]. */
  readonly writes: ReadonlyArray<readonly ['put' | 'remove', string]>;
  /** Uploads some engine holds now (as with Web Locks: `list` leaves them out). */
  readonly held: ReadonlySet<string>;
}

export function createMemoryResumeStore(initial: readonly ResumeRecord[] = []): MemoryResumeStore {
  const records = new Map<string, ResumeRecord>(
    initial.map((r) => [r.uploadId, structuredClone(r)]),
  );
  const writes: Array<readonly ['put' | 'remove', string]> = [];
  const held = new Map<string, number>();
  return {
    records,
    writes,
    get held() {
      return new Set(held.keys());
    },
    list: async () =>
      [...records.values()].filter((r) => !held.has(r.uploadId)).map((r) => structuredClone(r)),
    hold(uploadId) {
      held.set(uploadId, (held.get(uploadId) ?? 0) + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const n = (held.get(uploadId) ?? 1) - 1;
        if (n > 0) held.set(uploadId, n);
        else held.delete(uploadId);
      };
    },
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
