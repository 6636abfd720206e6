import type { CosClient } from '../cos/cos-client';
import { isCosCode } from '../cos/cos-error';

/**
 * The signer's own state, kept as small JSON objects in the bucket under the reserved
 * STATE_PREFIX. The signer has no database: every instance reads and writes the same objects,
 * so any number of instances (or serverless functions) share one view of revocations,
 * completions and quota reservations. Paths are relative to the prefix and restricted to a
 * plain alphabet, so nothing a contributor sends can name a state object.
 */
export interface StateStore {
  /** The absolute key prefix (e.g. `.portal/`). */
  readonly prefix: string;
  /**
   * Writes JSON at `path`. With `ifAbsent` the write is a create-if-absent (the store refuses
   * to overwrite); it then returns false when the object already existed.
   */
  put(path: string, value: unknown, opts?: { ifAbsent?: boolean }): Promise<boolean>;
  /** The parsed JSON at `path`, or null when there is none (or it is not JSON). */
  get(path: string): Promise<unknown>;
  exists(path: string): Promise<boolean>;
  delete(path: string): Promise<void>;
  /**
   * Every object under `dir` (a path ending in `/`) after `marker` (a name relative to `dir`),
   * in key order, as names relative to `dir`.
   */
  list(dir: string, opts?: { marker?: string }): Promise<Array<{ name: string; size: number }>>;
}

const PATH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/?$/;
/** A listing is paged by 1000 keys; this many pages is far beyond any sane link. */
const MAX_PAGES = 1000;

export function assertStatePath(path: string): void {
  if (!PATH.test(path) || path.length > 512) throw new Error(`invalid state path "${path}"`);
}

export function createStateStore(cos: CosClient, prefix: string): StateStore {
  const keyOf = (path: string) => {
    assertStatePath(path);
    return prefix + path;
  };
  return {
    prefix,

    async put(path, value, { ifAbsent = false } = {}) {
      try {
        await cos.putObject(keyOf(path), JSON.stringify(value), {
          contentType: 'application/json',
          ifAbsent,
        });
        return true;
      } catch (err) {
        if (ifAbsent && isCosCode(err, 'FileAlreadyExists')) return false;
        throw err;
      }
    },

    async get(path) {
      const got = await cos.getObject(keyOf(path));
      if (!got) return null;
      try {
        return JSON.parse(got.body.toString('utf8')) as unknown;
      } catch {
        return null;
      }
    },

    async exists(path) {
      return (await cos.headObject(keyOf(path))) !== null;
    },

    async delete(path) {
      await cos.deleteObject(keyOf(path));
    },

    async list(dir, { marker } = {}) {
      if (!dir.endsWith('/')) throw new Error(`state listing needs a folder, got "${dir}"`);
      const base = keyOf(dir);
      const out: Array<{ name: string; size: number }> = [];
      let next: string | null = marker ? base + marker : null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await cos.listObjects(base, next ? { marker: next } : {});
        for (const o of res.objects) {
          if (o.key.startsWith(base)) out.push({ name: o.key.slice(base.length), size: o.size });
        }
        if (res.nextMarker === null) break;
        next = res.nextMarker;
      }
      return out;
    },
  };
}
