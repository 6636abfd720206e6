/**
 * The engine's side of resume after a reload. It keeps a record of every multipart upload this
 * page started (written when planned, updated as parts are acknowledged, removed when the file
 * is done, cancelled or the upload is gone) and offers the records an earlier page left behind
 * to files dropped again. Storage is a `ResumeStore` (IndexedDB in the browser); writes to one
 * record run in order, and progress writes are coalesced so a fast upload does not queue
 * hundreds of them.
 */
import { fingerprintOf, mayMatch } from './file-fingerprint';
import type { Job, MultipartState } from '../job';
import type { FileFingerprint, ResumeRecord, ResumeStore } from '../ports/resume-store';
import type { UnfinishedUpload } from '../types';

/**
 * Records older than this are dropped unread: the signer's tickets live a week
 * (server/uploads/ticket.ts), so an older record could not be resumed anyway.
 */
export const RESUME_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface ResumeTracker {
  /** False without a store: nothing is remembered and no file waits for a check. */
  readonly enabled: boolean;
  /** True once the earlier page's records were read (at once without a store). */
  readonly loaded: boolean;
  readonly ready: Promise<void>;
  /** Unmatched records of earlier pages whose name, size and date fit the file. */
  candidates(file: File): ResumeRecord[];
  /** The record is now being resumed by a file of this page. */
  claim(record: ResumeRecord): void;
  /** The record could not be resumed now: offer it again. */
  release(record: ResumeRecord): void;
  /** The job has a new multipart plan: remember it. */
  remember(job: Job): void;
  /** More parts of the job were acknowledged. */
  progress(job: Job): void;
  /** Forget an upload (done, cancelled or gone). */
  forget(uploadId: string): void;
  /** Forget the upload the job continues or started, if it has one remembered. */
  forgetFile(job: Job): void;
  /** Unmatched records of earlier pages, oldest first. */
  pending(): ResumeRecord[];
  /** Let go of the uploads this page holds (the engine is going away). */
  dispose(): void;
}

export function toUnfinished(record: ResumeRecord): UnfinishedUpload {
  return {
    id: record.uploadId,
    name: record.fingerprint.name,
    relativePath: record.relativePath,
    size: record.fingerprint.size,
    partsDone: record.partsDone,
    partCount: record.partCount,
    startedAt: record.createdAt,
  };
}

/**
 * Writes to one record run in order, after every earlier write of it; failures are not fatal
 * (stores never reject by contract; a broken one costs only the resume).
 */
function orderedWrites(store: ResumeStore | null) {
  const chains = new Map<string, Promise<void>>();
  return (uploadId: string, op: (store: ResumeStore) => Promise<void>) => {
    if (!store) return;
    const next = (chains.get(uploadId) ?? Promise.resolve()).then(() => op(store)).catch(() => {});
    chains.set(uploadId, next);
    void next.then(() => {
      if (chains.get(uploadId) === next) chains.delete(uploadId);
    });
  };
}

/** What is written for a multipart upload of this page: no URL, never the link token. */
function recordOf(
  job: Job,
  m: MultipartState,
  fingerprint: FileFingerprint,
  createdAt: number,
  now: number,
): ResumeRecord {
  return {
    uploadId: m.uploadId,
    ticket: m.ticket,
    key: m.key,
    partSize: m.partSize,
    partCount: m.partCount,
    fingerprint,
    relativePath: job.relativePath,
    type: job.file.type,
    partsDone: m.etags.size,
    createdAt,
    updatedAt: now,
  };
}

/** The uploads this page holds against other tabs on the same link (ResumeStore.hold). */
function holdsAgainstOtherTabs(store: ResumeStore | null) {
  const holds = new Map<string, () => void>();
  const letGo = (uploadId: string) => {
    const release = holds.get(uploadId);
    holds.delete(uploadId);
    release?.();
  };
  return {
    hold(uploadId: string) {
      if (!store?.hold || holds.has(uploadId)) return;
      holds.set(uploadId, store.hold(uploadId));
    },
    letGo,
    releaseAll() {
      for (const uploadId of [...holds.keys()]) letGo(uploadId);
    },
  };
}

export function createResumeTracker(options: {
  store: ResumeStore | null;
  now: () => number;
  onPendingChanged: (pending: readonly ResumeRecord[]) => void;
}): ResumeTracker {
  const { store, now } = options;
  const pending = new Map<string, ResumeRecord>();
  /** Records of uploads this page is running: what progress writes update. */
  const own = new Map<string, ResumeRecord>();
  /** Uploads this page remembers and has not forgotten (a record may still be in the making). */
  const live = new Set<string>();
  const progressQueued = new Set<string>();
  let loaded = store === null;
  const { hold, letGo, releaseAll } = holdsAgainstOtherTabs(store);

  const publish = () =>
    options.onPendingChanged(
      [...pending.values()].sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1)),
    );

  const write = orderedWrites(store);

  const ready: Promise<void> = store
    ? store
        .list()
        .catch(() => [] as ResumeRecord[])
        .then((records) => {
          const cutoff = now() - RESUME_MAX_AGE_MS;
          for (const record of records) {
            if (record.createdAt < cutoff) write(record.uploadId, (s) => s.remove(record.uploadId));
            else if (!live.has(record.uploadId)) pending.set(record.uploadId, record);
          }
          loaded = true;
          if (pending.size > 0) publish();
        })
    : Promise.resolve();

  const tracker: ResumeTracker = {
    enabled: store !== null,
    get loaded() {
      return loaded;
    },
    ready,
    candidates(file) {
      if (pending.size === 0) return [];
      return [...pending.values()].filter((r) => mayMatch(r.fingerprint, file));
    },
    claim(record) {
      pending.delete(record.uploadId);
      hold(record.uploadId);
      live.add(record.uploadId);
      own.set(record.uploadId, { ...record });
      publish();
    },
    release(record) {
      letGo(record.uploadId);
      live.delete(record.uploadId);
      own.delete(record.uploadId);
      pending.set(record.uploadId, record);
      publish();
    },
    remember(job) {
      const m = job.multipart;
      if (!store || !m || live.has(m.uploadId)) return;
      const { uploadId } = m;
      hold(uploadId);
      live.add(uploadId);
      const createdAt = now();
      write(uploadId, async (s) => {
        const fingerprint = await fingerprintOf(job.file);
        if (!live.has(uploadId)) return;
        const record = recordOf(job, m, fingerprint, createdAt, now());
        own.set(uploadId, record);
        await s.put({ ...record });
      });
    },
    progress(job) {
      const m = job.multipart;
      if (!store || !m || !live.has(m.uploadId) || progressQueued.has(m.uploadId)) return;
      const { uploadId } = m;
      progressQueued.add(uploadId);
      write(uploadId, async (s) => {
        progressQueued.delete(uploadId);
        const record = own.get(uploadId);
        if (!record || !live.has(uploadId)) return;
        record.partsDone = m.etags.size;
        record.updatedAt = now();
        await s.put({ ...record });
      });
    },
    forget(uploadId) {
      const wasPending = pending.delete(uploadId);
      const known = wasPending || live.has(uploadId) || own.has(uploadId);
      letGo(uploadId);
      live.delete(uploadId);
      own.delete(uploadId);
      if (known) write(uploadId, (s) => s.remove(uploadId));
      if (wasPending) publish();
    },
    forgetFile(job) {
      if (job.resumeId === null) return;
      tracker.forget(job.resumeId);
      job.resumeId = null;
    },
    pending: () => [...pending.values()],
    dispose() {
      releaseAll();
    },
  };
  return tracker;
}
