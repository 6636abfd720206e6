import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readJson, removeQuietly, writeJsonAtomic } from './atomic-files';
import { noSuchUpload } from './cos-error';
import { KeyedMutex } from './keyed-mutex';
import type { ObjectAcl } from './object-acl';
import { compareKeys } from './storage';

export interface UploadMeta {
  uploadId: string;
  key: string;
  /** Milliseconds since the epoch. */
  initiated: number;
  /** Headers given at Initiate; they become the object's headers at Complete. */
  headers: Record<string, string>;
  storageClass: string;
  /** `x-cos-forbid-overwrite: true` at Initiate is honoured at Complete. */
  forbidOverwrite: boolean;
  /** The object's ACL, fixed at Initiate like its metadata; absent (older uploads) = default. */
  acl?: ObjectAcl;
}

export interface PartMeta {
  partNumber: number;
  size: number;
  /** md5 hex, no quotes. */
  etag: string;
  crc64: string;
  lastModified: number;
  dataFile: string;
}

export interface UploadState {
  meta: UploadMeta;
  parts: Map<number, PartMeta>;
}

const UPLOAD_ID = /^[0-9a-f]{16,128}$/;

const isUploadMeta = (v: unknown): v is UploadMeta => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.uploadId === 'string' &&
    UPLOAD_ID.test(o.uploadId) &&
    typeof o.key === 'string' &&
    typeof o.initiated === 'number' &&
    typeof o.headers === 'object' &&
    o.headers !== null &&
    typeof o.storageClass === 'string' &&
    typeof o.forbidOverwrite === 'boolean'
  );
};

const isPartMeta = (v: unknown): v is PartMeta => {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.partNumber === 'number' &&
    typeof o.size === 'number' &&
    typeof o.etag === 'string' &&
    typeof o.crc64 === 'string' &&
    typeof o.lastModified === 'number' &&
    typeof o.dataFile === 'string' &&
    /^part-\d{5}\.[0-9a-f-]{36}\.data$/.test(o.dataFile)
  );
};

const partBase = (n: number): string => `part-${String(n).padStart(5, '0')}`;

/**
 * Multipart uploads of one bucket, on disk so they survive a restart:
 * `uploads/<uploadId>/upload.json`, `part-NNNNN.json` (sidecar, commit point) and
 * `part-NNNNN.<uuid>.data`. Upload IDs are ours (hex), so they are safe folder names; the key
 * lives only inside the JSON. Every change to one upload runs under that upload's lock, so a
 * part that finishes after Abort or Complete is refused instead of resurrecting the upload.
 */
export class MultipartStore {
  readonly lock = new KeyedMutex();

  private constructor(
    private readonly dir: string,
    private readonly uploads: Map<string, UploadState>,
  ) {}

  static async open(bucketDir: string): Promise<MultipartStore> {
    const dir = path.join(bucketDir, 'uploads');
    await mkdir(dir, { recursive: true });
    const uploads = new Map<string, UploadState>();
    for (const id of await readdir(dir)) {
      const uploadDir = path.join(dir, id);
      const meta = await readJson(path.join(uploadDir, 'upload.json'));
      if (!UPLOAD_ID.test(id) || !isUploadMeta(meta) || meta.uploadId !== id) {
        // Half-created or foreign: an upload whose metadata never landed does not exist.
        await rm(uploadDir, { recursive: true, force: true });
        continue;
      }
      const names = await readdir(uploadDir);
      const parts = new Map<number, PartMeta>();
      for (const name of names) {
        if (!/^part-\d{5}\.json$/.test(name)) continue;
        const part = await readJson(path.join(uploadDir, name));
        if (isPartMeta(part) && names.includes(part.dataFile)) parts.set(part.partNumber, part);
      }
      const referenced = new Set([...parts.values()].map((p) => p.dataFile));
      for (const name of names) {
        if ((name.endsWith('.data') && !referenced.has(name)) || name.endsWith('.tmp')) {
          await removeQuietly(path.join(uploadDir, name));
        }
      }
      uploads.set(id, { meta, parts });
    }
    return new MultipartStore(dir, uploads);
  }

  get(uploadId: string): UploadState | undefined {
    return UPLOAD_ID.test(uploadId) ? this.uploads.get(uploadId) : undefined;
  }

  /** The upload, if it exists *for this key* (an ID used with another key is unknown). */
  find(uploadId: string, key: string): UploadState | undefined {
    const u = this.get(uploadId);
    return u && u.meta.key === key ? u : undefined;
  }

  /** Uploads in ListMultipartUploads order: key, then initiation time. */
  list(): UploadMeta[] {
    return [...this.uploads.values()]
      .map((u) => u.meta)
      .sort((a, b) => compareKeys(a.key, b.key) || a.initiated - b.initiated);
  }

  partPath(uploadId: string, part: PartMeta): string {
    return path.join(this.dir, uploadId, part.dataFile);
  }

  async initiate(fields: Omit<UploadMeta, 'uploadId'>): Promise<UploadMeta> {
    // Same shape as COS's IDs: Unix seconds followed by random hex.
    const uploadId = `${Math.floor(fields.initiated / 1000)}${randomBytes(32).toString('hex')}`;
    const meta: UploadMeta = { ...fields, uploadId };
    const uploadDir = path.join(this.dir, uploadId);
    await mkdir(uploadDir, { recursive: true });
    await writeJsonAtomic(path.join(uploadDir, 'upload.json'), meta);
    this.uploads.set(uploadId, { meta, parts: new Map() });
    return meta;
  }

  /**
   * Makes `tmpPath` part `partNumber` (replacing an earlier upload of the same number).
   * Throws NoSuchUpload when the upload was aborted or completed meanwhile.
   */
  async commitPart(
    uploadId: string,
    key: string,
    fields: Omit<PartMeta, 'dataFile'>,
    tmpPath: string,
  ): Promise<PartMeta> {
    return this.lock.run(uploadId, async () => {
      const upload = this.find(uploadId, key);
      if (!upload) {
        await removeQuietly(tmpPath);
        throw noSuchUpload();
      }
      const uploadDir = path.join(this.dir, uploadId);
      const base = partBase(fields.partNumber);
      const dataFile = `${base}.${randomUUID()}.data`;
      try {
        await rename(tmpPath, path.join(uploadDir, dataFile));
      } catch (err) {
        await removeQuietly(tmpPath);
        throw err;
      }
      const part: PartMeta = { ...fields, dataFile };
      await writeJsonAtomic(path.join(uploadDir, `${base}.json`), part);
      const previous = upload.parts.get(fields.partNumber);
      upload.parts.set(fields.partNumber, part);
      if (previous) await removeQuietly(path.join(uploadDir, previous.dataFile));
      return part;
    });
  }

  /** Forgets an upload and deletes its parts. Call under `lock.run(uploadId, …)`. */
  async removeLocked(uploadId: string): Promise<void> {
    if (!this.uploads.delete(uploadId)) return;
    const uploadDir = path.join(this.dir, uploadId);
    // Drop the metadata first: if deletion stops halfway, the restart scan discards the rest.
    await removeQuietly(path.join(uploadDir, 'upload.json'));
    await rm(uploadDir, { recursive: true, force: true });
  }
}
