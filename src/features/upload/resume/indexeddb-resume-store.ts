/**
 * Resume records in IndexedDB, one store per link (records carry the link id, an index finds
 * them). Nothing here may break the page: IndexedDB can be missing, throw on first touch
 * (sandboxed or partitioned iframes, some private modes), refuse to open or hang on a blocked
 * upgrade. Every such case degrades to "nothing remembered" within a short time limit, because
 * the engine waits for the first read before it signs a large file.
 *
 * What is stored: the upload's ticket, key, upload id, part layout, the file's fingerprint and
 * folder path. Never URLs, never the link token (the ticket is useless without the token).
 */
import { z } from 'zod/mini';
import type { ResumeRecord, ResumeStore } from '../engine/ports/resume-store';

export const RESUME_DB_NAME = 'cos-upload-portal';
const DB_VERSION = 1;
const STORE = 'multipart-uploads';
const BY_LINK = 'by-link';
/** Longest wait for IndexedDB before giving up on resume for this page. */
const TIMEOUT_MS = 3_000;
/** Web Lock held by the page running an upload (`hold`); released when that page goes away. */
export const UPLOAD_LOCK_PREFIX = 'cos-upload-portal:upload:';

const StoredRecord = z.object({
  linkId: z.string(),
  uploadId: z.string().check(z.minLength(1)),
  ticket: z.string().check(z.minLength(1)),
  key: z.string().check(z.minLength(1)),
  partSize: z.int().check(z.positive()),
  partCount: z.int().check(z.positive(), z.maximum(10_000)),
  fingerprint: z.object({
    name: z.string(),
    size: z.int().check(z.nonnegative()),
    lastModified: z.number(),
    sample: z.string().check(z.regex(/^\d{1,20}$/)),
  }),
  relativePath: z.string(),
  type: z.string(),
  partsDone: z.int().check(z.nonnegative()),
  createdAt: z.number(),
  updatedAt: z.number(),
});

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/** `globalThis.indexedDB`, or null where touching it is refused. */
function defaultFactory(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

function openDatabase(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(RESUME_DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(STORE)) {
        const store = db.createObjectStore(STORE, { keyPath: 'uploadId' });
        store.createIndex(BY_LINK, 'linkId', { unique: false });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: step aside rather than block it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('indexeddb-open-failed'));
    request.onblocked = () => reject(new Error('indexeddb-blocked'));
  });
}

function run<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = body(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = () => reject(tx.error ?? new Error('indexeddb-failed'));
    tx.onabort = () => reject(tx.error ?? new Error('indexeddb-aborted'));
  });
}

/** `navigator.locks`, or null where there is none (old browsers, insecure contexts). */
function defaultLocks(): LockManager | null {
  try {
    return globalThis.navigator?.locks ?? null;
  } catch {
    return null;
  }
}

/** Names of the locks held or waited for by any page of this origin. */
async function lockNames(locks: LockManager | null): Promise<Set<string>> {
  if (!locks) return new Set();
  try {
    const state = await withTimeout(locks.query(), { held: [], pending: [] });
    return new Set([...(state.held ?? []), ...(state.pending ?? [])].map((l) => l.name ?? ''));
  } catch {
    return new Set();
  }
}

export function createIndexedDbResumeStore(
  linkId: string,
  options: { factory?: IDBFactory | null; locks?: LockManager | null } = {},
): ResumeStore {
  const locks = options.locks !== undefined ? options.locks : defaultLocks();
  let opened: Promise<IDBDatabase | null> | null = null;
  const database = () => {
    if (!opened) {
      let factory: IDBFactory | null;
      try {
        factory = options.factory !== undefined ? options.factory : defaultFactory();
      } catch {
        factory = null;
      }
      // `open` itself throws in some sandboxed contexts: the promise executor turns that into
      // a rejection, and the fallback takes over.
      opened = factory ? withTimeout(openDatabase(factory), null) : Promise.resolve(null);
    }
    return opened;
  };

  return {
    async list() {
      const db = await database();
      if (!db) return [];
      const rows = await withTimeout(
        run<unknown[]>(db, 'readonly', (store) => store.index(BY_LINK).getAll(linkId)),
        undefined,
      ).catch(() => undefined);
      // Uploads another tab is running are not unfinished: that tab is finishing them.
      const busy = await lockNames(locks);
      const records: ResumeRecord[] = [];
      for (const row of rows ?? []) {
        const parsed = StoredRecord.safeParse(row);
        if (!parsed.success || parsed.data.linkId !== linkId) continue;
        const { linkId: _link, ...record } = parsed.data;
        if (busy.has(UPLOAD_LOCK_PREFIX + record.uploadId)) continue;
        records.push(record);
      }
      return records;
    },
    hold(uploadId) {
      if (!locks) return () => {};
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      try {
        // Held until released; the browser drops it by itself when the page goes away.
        locks.request(UPLOAD_LOCK_PREFIX + uploadId, () => released).catch(() => {});
      } catch {
        // No locks here: other tabs may offer the upload too; nothing breaks.
      }
      return release;
    },
    async put(record) {
      const db = await database();
      if (!db) return;
      await withTimeout(
        run(db, 'readwrite', (store) => store.put({ ...record, linkId })),
        undefined,
      ).catch(() => undefined);
    },
    async remove(uploadId) {
      const db = await database();
      if (!db) return;
      await withTimeout(
        run(db, 'readwrite', (store) => store.delete(uploadId)),
        undefined,
      ).catch(() => undefined);
    },
  };
}
