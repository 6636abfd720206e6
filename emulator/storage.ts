import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { link, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { readJson, removeQuietly, writeJsonAtomic } from './atomic-files';
import { CosError } from './cos-error';
import { KeyedMutex } from './keyed-mutex';
import type { ObjectAcl } from './object-acl';

/** What a stored object is, as kept in its JSON sidecar. */
export interface StoredObject {
  /** The literal key, exactly as received (never used to build a file path). */
  key: string;
  size: number;
  /** ETag without quotes: md5 hex, or `<hex>-<parts>` for multipart objects. */
  etag: string;
  /** CRC-64/XZ as an unsigned decimal string. */
  crc64: string;
  /** Milliseconds since the epoch. */
  lastModified: number;
  /** Stored response headers, lowercased: content-type, cache-control, …, x-cos-meta-*. */
  headers: Record<string, string>;
  storageClass: string;
  /** From `x-cos-acl` / `x-cos-grant-*` at upload; absent (older sidecars) = default. */
  acl?: ObjectAcl;
  /** Set when written while the bucket's versioning was Enabled. */
  versionId?: string;
  /** Base name of the data file in the object's shard folder (the first part's, for `parts`). */
  dataFile: string;
  /**
   * A multipart object: its bytes are these files of the shard folder, one per part, read in
   * order. Completing an upload links the part files here instead of copying every byte into
   * one file; each was verified (size, MD5, CRC-64) as it arrived and is never written again.
   */
  parts?: ObjectPart[];
}

export interface ObjectPart {
  dataFile: string;
  size: number;
}

export type NewObject = Omit<StoredObject, 'key' | 'dataFile' | 'parts'>;

const DATA_FILE = /^[0-9a-f]{64}\.[0-9a-f-]{36}\.data$/;

const isObjectPart = (v: unknown): v is ObjectPart =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ObjectPart).dataFile === 'string' &&
  DATA_FILE.test((v as ObjectPart).dataFile) &&
  typeof (v as ObjectPart).size === 'number';

/** Every data file an object's bytes live in, in order. */
export function dataFilesOf(obj: StoredObject): string[] {
  return obj.parts ? obj.parts.map((p) => p.dataFile) : [obj.dataFile];
}

const isStoredObject = (v: unknown): v is StoredObject => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.key === 'string' &&
    typeof o.size === 'number' &&
    typeof o.etag === 'string' &&
    typeof o.crc64 === 'string' &&
    typeof o.lastModified === 'number' &&
    typeof o.headers === 'object' &&
    o.headers !== null &&
    typeof o.storageClass === 'string' &&
    typeof o.dataFile === 'string' &&
    DATA_FILE.test(o.dataFile) &&
    (o.parts === undefined ||
      (Array.isArray(o.parts) &&
        o.parts.length > 0 &&
        o.parts.every(isObjectPart) &&
        (o.parts as ObjectPart[])[0]!.dataFile === o.dataFile))
  );
};

/**
 * Byte order of UTF-8 keys, which is how COS lists. UTF-8 byte order is code point order; JS
 * compares UTF-16 code units, which agrees except where a surrogate (half of a character above
 * U+FFFF) meets a character from U+E000 to U+FFFF: the surrogate's unit is smaller, its code
 * point larger. So: find the first differing unit, and only there correct for that case. No
 * allocation (listings compare keys on every request).
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Index of the first key in `sorted` that is not below `key` (COS listing order). */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Objects of one bucket. Files are named by SHA-256 of (bucket, key), so no key — `../x`,
 * `/abs`, NUL, 850 bytes of anything — can name a path outside the bucket folder. Layout:
 * `objects/<2 hex>/<hash>.json` (sidecar; the commit point) and `<hash>.<uuid>.data` (bytes).
 * A write renames a complete, verified temp file into place, then renames the new sidecar over
 * the old one; readers of the previous version keep their open file.
 */
export class ObjectStore {
  private readonly mutex = new KeyedMutex();
  private sortedKeys: string[] | undefined;

  private constructor(
    private readonly bucket: string,
    private readonly dir: string,
    private readonly index: Map<string, StoredObject>,
  ) {}

  static async open(bucket: string, bucketDir: string): Promise<ObjectStore> {
    const dir = path.join(bucketDir, 'objects');
    await mkdir(dir, { recursive: true });
    const index = new Map<string, StoredObject>();
    for (const shard of await readdir(dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      const shardDir = path.join(dir, shard);
      const names = await readdir(shardDir);
      const referenced = new Set<string>();
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const meta = await readJson(path.join(shardDir, name));
        if (isStoredObject(meta) && dataFilesOf(meta).every((f) => names.includes(f))) {
          index.set(meta.key, meta);
          for (const f of dataFilesOf(meta)) referenced.add(f);
        }
      }
      // Leftovers of a crash between rename steps: data nobody points at, half-written sidecars.
      for (const name of names) {
        if ((name.endsWith('.data') && !referenced.has(name)) || name.endsWith('.tmp')) {
          await removeQuietly(path.join(shardDir, name));
        }
      }
    }
    return new ObjectStore(bucket, dir, index);
  }

  private hashOf(key: string): string {
    return createHash('sha256').update(`${this.bucket}\n${key}`, 'utf8').digest('hex');
  }

  private shardDir(hash: string): string {
    return path.join(this.dir, hash.slice(0, 2));
  }

  get(key: string): StoredObject | undefined {
    return this.index.get(key);
  }

  get size(): number {
    return this.index.size;
  }

  /** All keys in COS listing order. */
  keys(): readonly string[] {
    this.sortedKeys ??= [...this.index.keys()].sort(compareKeys);
    return this.sortedKeys;
  }

  /**
   * Keeps the listing order up to date as keys come and go (a binary search and a splice, not
   * a sort of every key at the next listing: a busy bucket is listed after nearly every write).
   */
  private keyAdded(key: string): void {
    if (!this.sortedKeys) return;
    this.sortedKeys.splice(lowerBound(this.sortedKeys, key), 0, key);
  }

  private keyRemoved(key: string): void {
    if (!this.sortedKeys) return;
    const at = lowerBound(this.sortedKeys, key);
    if (this.sortedKeys[at] === key) this.sortedKeys.splice(at, 1);
    else this.sortedKeys = undefined;
  }

  dataPath(obj: StoredObject): string {
    return path.join(this.shardDir(obj.dataFile.slice(0, 64)), obj.dataFile);
  }

  /** Paths of the object's bytes, in order (one file, or one per part). */
  dataPaths(obj: StoredObject): string[] {
    return dataFilesOf(obj).map((f) => path.join(this.shardDir(f.slice(0, 64)), f));
  }

  openRead(obj: StoredObject, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.dataPath(obj), range);
  }

  private async removeData(obj: StoredObject): Promise<void> {
    for (const file of this.dataPaths(obj)) await removeQuietly(file);
  }

  /**
   * Makes `tmpPath` the object's content. With `forbidOverwrite`, an existing key is a 409
   * `FileAlreadyExists` and the temp file is discarded. Last complete commit wins.
   */
  async commit(
    key: string,
    tmpPath: string,
    fields: NewObject,
    opts: { forbidOverwrite?: boolean } = {},
  ): Promise<StoredObject> {
    return this.mutex.run(key, async () => {
      if (opts.forbidOverwrite && this.index.has(key)) {
        await removeQuietly(tmpPath);
        throw new CosError(409, 'FileAlreadyExists', 'The specified object already exists.');
      }
      const hash = this.hashOf(key);
      const shard = this.shardDir(hash);
      await mkdir(shard, { recursive: true });
      const dataFile = `${hash}.${randomUUID()}.data`;
      const dataPath = path.join(shard, dataFile);
      try {
        await rename(tmpPath, dataPath);
      } catch (err) {
        await removeQuietly(tmpPath);
        throw err;
      }
      return this.publish(key, hash, { ...fields, key, dataFile }, [dataPath]);
    });
  }

  /**
   * Makes the concatenation of `sources` (files of exactly these sizes, in order) the object's
   * content, as a multipart object: each file is hard-linked into the object's folder, not
   * copied, and the sources stay untouched (on failure the upload can be completed again).
   * A source whose size on disk differs is refused: its CRC and MD5 would say nothing about it.
   */
  async commitParts(
    key: string,
    sources: ReadonlyArray<{ path: string; size: number }>,
    fields: NewObject,
    opts: { forbidOverwrite?: boolean } = {},
  ): Promise<StoredObject> {
    if (sources.length === 0) throw new Error('a multipart object needs at least one part');
    return this.mutex.run(key, async () => {
      if (opts.forbidOverwrite && this.index.has(key)) {
        throw new CosError(409, 'FileAlreadyExists', 'The specified object already exists.');
      }
      const hash = this.hashOf(key);
      const shard = this.shardDir(hash);
      await mkdir(shard, { recursive: true });
      const parts: ObjectPart[] = [];
      const linked: string[] = [];
      try {
        for (const [i, source] of sources.entries()) {
          const { size } = await stat(source.path);
          if (size !== source.size) throw new Error(`part ${i + 1} changed on disk`);
          const dataFile = `${hash}.${randomUUID()}.data`;
          const dataPath = path.join(shard, dataFile);
          await link(source.path, dataPath);
          linked.push(dataPath);
          parts.push({ dataFile, size });
        }
      } catch (err) {
        for (const file of linked) await removeQuietly(file);
        throw err;
      }
      const obj: StoredObject = { ...fields, key, dataFile: parts[0]!.dataFile, parts };
      return this.publish(key, hash, obj, linked);
    });
  }

  /** Writes the sidecar (the commit point), then drops the previous version's data. */
  private async publish(
    key: string,
    hash: string,
    obj: StoredObject,
    dataPaths: string[],
  ): Promise<StoredObject> {
    try {
      await writeJsonAtomic(path.join(this.shardDir(hash), `${hash}.json`), obj);
    } catch (err) {
      for (const file of dataPaths) await removeQuietly(file);
      throw err;
    }
    const previous = this.index.get(key);
    this.index.set(key, obj);
    if (!previous) this.keyAdded(key);
    if (previous) await this.removeData(previous);
    return obj;
  }

  /** Removes an object; returns whether it existed (COS answers 204 either way). */
  async delete(key: string): Promise<boolean> {
    return this.mutex.run(key, async () => {
      const previous = this.index.get(key);
      if (!previous) return false;
      const hash = this.hashOf(key);
      await unlink(path.join(this.shardDir(hash), `${hash}.json`)).catch(() => undefined);
      this.index.delete(key);
      this.keyRemoved(key);
      await this.removeData(previous);
      return true;
    });
  }
}
