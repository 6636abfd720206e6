import COS from 'cos-nodejs-sdk-v5';
import type { CosSettings } from '../config';
import { CosError } from './cos-error';
import { compareKeys } from './key-order';

/**
 * A small, promise-based adapter over the official `cos-nodejs-sdk-v5`: every signature the
 * signer hands out is made by the SDK, never by our own code. The rest of the server talks to
 * COS only through this interface, in its own vocabulary (camelCase, numbers, nulls).
 */

/** A request the browser must send exactly as described. */
export interface PresignedRequest {
  url: string;
  /**
   * Headers the browser sets itself: everything signed except `host` and `content-length`,
   * which the browser derives from the URL and the body.
   */
  headers: Record<string, string>;
  /** End of the signature's KeyTime, in ms since the epoch. */
  expiresAt: number;
}

export interface ObjectHead {
  size: number;
  etag: string;
  crc64: string | null;
  contentType: string;
  /** Stored `Content-Disposition` (uploads are stored as `attachment`), null when none. */
  contentDisposition: string | null;
  /** `x-cos-meta-*` values by suffix (`filename` for `x-cos-meta-filename`). */
  meta: Record<string, string>;
}

export interface StoredPart {
  partNumber: number;
  etag: string;
  size: number;
}

export interface MultipartUploadInfo {
  key: string;
  uploadId: string;
  initiated: string | null;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: string;
  /** As COS lists it (quoted). For a single PUT without SSE-KMS/SSE-C: the body's MD5. */
  etag: string;
}

export interface ObjectPage {
  objects: ListedObject[];
  /** Pass as `marker` for the next page; null when this was the last page. */
  nextMarker: string | null;
}

export interface CorsRule {
  /** Rule ID (`<ID>`); lets the portal find and replace its own rule among the owner's. */
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

export interface CosClient {
  readonly bucket: string;
  readonly region: string;
  /** Origin the browser uploads to (for CSP `connect-src`). */
  readonly endpointOrigin: string;
  presignPut(
    key: string,
    opts: {
      size: number;
      contentType: string;
      extraHeaders?: Record<string, string>;
      expiresSeconds: number;
    },
  ): PresignedRequest;
  presignPart(
    key: string,
    uploadId: string,
    partNumber: number,
    size: number,
    expiresSeconds: number,
  ): PresignedRequest;
  /**
   * A short-lived GET for the bucket owner (never for contributors), with `response-*`
   * overrides such as `response-content-disposition`, which COS signs like any query parameter.
   */
  presignGet(
    key: string,
    opts: { expiresSeconds: number; query?: Record<string, string> },
  ): PresignedRequest;
  /** Unsigned URL of an object on the endpoint (for preflight checks; never for access). */
  objectUrl(key: string): string;
  headObject(key: string): Promise<ObjectHead | null>;
  deleteObject(key: string): Promise<void>;
  /**
   * Server-side PUT of a small object. With `ifAbsent`, `x-cos-forbid-overwrite: true` makes it
   * a create-if-absent: an existing key fails with CosError `FileAlreadyExists` (409).
   */
  putObject(
    key: string,
    body: string | Uint8Array,
    opts?: { contentType?: string; ifAbsent?: boolean },
  ): Promise<void>;
  /** The whole object, or null when there is no such key. */
  getObject(key: string): Promise<{ body: Buffer; etag: string } | null>;
  /**
   * One page of GET Bucket (ListObjects): keys after `marker` under `prefix`, in key order.
   * With `delimiter` (`/`), keys in deeper folders are left out (COS groups them).
   */
  listObjects(
    prefix: string,
    opts?: { marker?: string; maxKeys?: number; delimiter?: string },
  ): Promise<ObjectPage>;
  initiateMultipart(
    key: string,
    opts: { contentType: string; headers?: Record<string, string> },
  ): Promise<string>;
  listParts(key: string, uploadId: string): Promise<StoredPart[]>;
  completeMultipart(
    key: string,
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
  ): Promise<{ etag: string; crc64: string | null }>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  listMultipartUploads(prefix: string): Promise<MultipartUploadInfo[]>;
  putBucketCors(rules: CorsRule[]): Promise<void>;
  getBucketCors(): Promise<CorsRule[]>;
  /** The bucket's versioning state; null when versioning was never enabled on it. */
  getBucketVersioning(): Promise<'Enabled' | 'Suspended' | null>;
}

export interface CosClientOptions {
  /** Per-request timeout of SDK calls (ms); a hung COS must not hang the signer. */
  timeoutMs?: number;
}

type Headers = Record<string, unknown> | undefined;

function header(headers: Headers, name: string): string | null {
  const v = headers?.[name];
  return v === undefined || v === null ? null : String(v);
}

function asArray<T>(v: T | T[] | undefined | null): T[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * The KeyTime end in the URL's `q-key-time` (`start;end`, Unix seconds) as ms. Found by its
 * `&q-key-time=` or `?q-key-time=` rather than by parsing the URL: a signing call makes one
 * URL per file, and `new URL` per URL was a tenth of the signer's time under load. The value
 * is digits and an encoded `;` (`%3B`) or a plain one.
 */
function keyTimeEnd(url: string): number {
  const at = url.search(/[?&]q-key-time=/);
  const value =
    at < 0 ? '' : url.slice(at + 12, (url.indexOf('&', at + 1) + 1 || url.length + 1) - 1);
  const keyTime = decodeURIComponent(value);
  const end = Number(keyTime.split(';')[1]);
  if (!Number.isFinite(end)) throw new Error('SDK produced a URL without q-key-time');
  return end * 1000;
}

/** `SkipTask` is a real option of the SDK's putObject that its type definitions leave out. */
const SKIP_TASK_QUEUE: Record<string, unknown> = { SkipTask: true };

export function createCosClient(
  config: { cos: CosSettings },
  options: CosClientOptions = {},
): CosClient {
  const { secretId, secretKey, bucket, region, domain } = config.cos;
  const sdk = new COS({
    SecretId: secretId,
    SecretKey: secretKey,
    ...(domain ? { Domain: domain } : {}),
    Timeout: options.timeoutMs ?? 30_000,
  });
  const where = { Bucket: bucket, Region: region };

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw CosError.from(err);
    }
  }

  function presign(
    key: string,
    method: 'PUT' | 'GET',
    headers: Record<string, string>,
    query: Record<string, string> | undefined,
    expiresSeconds: number,
  ): PresignedRequest {
    const url = sdk.getObjectUrl(
      {
        ...where,
        Key: key,
        Method: method,
        Expires: expiresSeconds,
        Headers: headers,
        ...(query ? { Query: query } : {}),
      },
      () => {},
    );
    const browserHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (lower !== 'host' && lower !== 'content-length') browserHeaders[name] = value;
    }
    return { url, headers: browserHeaders, expiresAt: keyTimeEnd(url) };
  }

  const endpointOrigin = new URL(sdk.getObjectUrl({ ...where, Key: 'x', Sign: false }, () => {}))
    .origin;

  return {
    bucket,
    region,
    endpointOrigin,

    presignPut(key, { size, contentType, extraHeaders = {}, expiresSeconds }) {
      return presign(
        key,
        'PUT',
        { 'Content-Length': String(size), 'Content-Type': contentType, ...extraHeaders },
        undefined,
        expiresSeconds,
      );
    },

    presignPart(key, uploadId, partNumber, size, expiresSeconds) {
      return presign(
        key,
        'PUT',
        { 'Content-Length': String(size) },
        { partNumber: String(partNumber), uploadId },
        expiresSeconds,
      );
    },

    async headObject(key) {
      try {
        const res = await sdk.headObject({ ...where, Key: key });
        const h = res.headers as Headers;
        const meta: Record<string, string> = {};
        for (const [name, value] of Object.entries(h ?? {})) {
          if (name.toLowerCase().startsWith('x-cos-meta-')) {
            meta[name.toLowerCase().slice('x-cos-meta-'.length)] = String(value);
          }
        }
        return {
          size: Number(header(h, 'content-length') ?? NaN),
          etag: header(h, 'etag') ?? '',
          crc64: header(h, 'x-cos-hash-crc64ecma'),
          contentType: header(h, 'content-type') ?? '',
          contentDisposition: header(h, 'content-disposition'),
          meta,
        };
      } catch (err) {
        const e = CosError.from(err);
        if (e.statusCode === 404) return null;
        throw e;
      }
    },

    presignGet(key, { expiresSeconds, query }) {
      return presign(key, 'GET', {}, query, expiresSeconds);
    },

    objectUrl(key) {
      return sdk.getObjectUrl({ ...where, Key: key, Sign: false }, () => {});
    },

    async deleteObject(key) {
      await call(() => sdk.deleteObject({ ...where, Key: key }));
    },

    async putObject(key, body, { contentType = 'application/json', ifAbsent = false } = {}) {
      const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
      await call(() =>
        sdk.putObject({
          ...where,
          // Not through the SDK's upload task queue: it runs at most three uploads at a time
          // (FileParallelLimit) and, on every change, copies its whole list of up to 1,000
          // finished tasks for a progress event nobody listens to. Profiled: a third of the
          // signer's CPU while it verified 1,000 small uploads, and ledger writes queued.
          ...SKIP_TASK_QUEUE,
          Key: key,
          Body: buffer,
          ContentLength: buffer.length,
          ContentType: contentType,
          ...(ifAbsent ? { Headers: { 'x-cos-forbid-overwrite': 'true' } } : {}),
        }),
      );
    },

    async getObject(key) {
      try {
        const res = await sdk.getObject({ ...where, Key: key });
        return { body: res.Body, etag: String(res.ETag ?? '') };
      } catch (err) {
        const e = CosError.from(err);
        if (e.statusCode === 404) return null;
        throw e;
      }
    },

    async listObjects(prefix, { marker, maxKeys = 1000, delimiter } = {}) {
      const res = await call(() =>
        sdk.getBucket({
          ...where,
          Prefix: prefix,
          MaxKeys: maxKeys,
          ...(marker ? { Marker: marker } : {}),
          ...(delimiter ? { Delimiter: delimiter } : {}),
        }),
      );
      const objects = asArray(res.Contents).map((c) => ({
        key: String(c.Key),
        size: Number(c.Size),
        lastModified: String(c.LastModified ?? ''),
        etag: String(c.ETag ?? ''),
      }));
      const grouped = asArray(res.CommonPrefixes).map((p) => String(p.Prefix));
      const last = [...objects.map((o) => o.key), ...grouped].sort(compareKeys).pop() ?? null;
      const truncated = String(res.IsTruncated) === 'true';
      return {
        objects,
        nextMarker: truncated ? (res.NextMarker ? String(res.NextMarker) : last) : null,
      };
    },

    async initiateMultipart(key, { contentType, headers = {} }) {
      const res = await call(() =>
        sdk.multipartInit({ ...where, Key: key, ContentType: contentType, Headers: headers }),
      );
      if (!res.UploadId) throw new CosError('NoUploadId', 'COS returned no UploadId', null, null);
      return String(res.UploadId);
    },

    async listParts(key, uploadId) {
      const parts: StoredPart[] = [];
      let marker: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await call(() =>
          sdk.multipartListPart({
            ...where,
            Key: key,
            UploadId: uploadId,
            MaxParts: 1000,
            ...(marker ? { PartNumberMarker: marker } : {}),
          }),
        );
        for (const p of asArray(res.Part)) {
          parts.push({
            partNumber: Number(p.PartNumber),
            etag: String(p.ETag),
            size: Number(p.Size),
          });
        }
        if (String(res.IsTruncated) !== 'true' || !res.NextPartNumberMarker) break;
        marker = String(res.NextPartNumberMarker);
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    },

    async completeMultipart(key, uploadId, parts) {
      const res = await call(() =>
        sdk.multipartComplete({
          ...where,
          Key: key,
          UploadId: uploadId,
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        }),
      );
      return {
        etag: String(res.ETag ?? ''),
        crc64: header(res.headers as Headers, 'x-cos-hash-crc64ecma'),
      };
    },

    async abortMultipart(key, uploadId) {
      await call(() => sdk.multipartAbort({ ...where, Key: key, UploadId: uploadId }));
    },

    async listMultipartUploads(prefix) {
      const uploads: MultipartUploadInfo[] = [];
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (let page = 0; page < 1000; page++) {
        const res = await call(() =>
          // The typings demand a Delimiter; an absent one (not '') means "no grouping".
          sdk.multipartList({
            ...where,
            Prefix: prefix,
            MaxUploads: 1000,
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
          } as COS.MultipartListParams),
        );
        for (const u of asArray(res.Upload)) {
          uploads.push({
            key: String(u.Key),
            uploadId: String(u.UploadId),
            initiated: u.Initiated ? String(u.Initiated) : null,
          });
        }
        if (String(res.IsTruncated) !== 'true') break;
        keyMarker = res.NextKeyMarker ? String(res.NextKeyMarker) : undefined;
        uploadIdMarker = res.NextUploadIdMarker ? String(res.NextUploadIdMarker) : undefined;
        if (!keyMarker && !uploadIdMarker) break;
      }
      return uploads;
    },

    async putBucketCors(rules) {
      await call(() =>
        sdk.putBucketCors({
          ...where,
          CORSRules: rules.map((r) => ({
            ...(r.id !== undefined ? { ID: r.id } : {}),
            AllowedOrigin: r.allowedOrigins,
            AllowedMethod: r.allowedMethods,
            AllowedHeader: r.allowedHeaders,
            ExposeHeader: r.exposeHeaders,
            ...(r.maxAgeSeconds !== undefined ? { MaxAgeSeconds: r.maxAgeSeconds } : {}),
          })),
        }),
      );
    },

    async getBucketVersioning() {
      const res = await call(() => sdk.getBucketVersioning({ ...where }));
      const status = res.VersioningConfiguration?.Status;
      return status === 'Enabled' || status === 'Suspended' ? status : null;
    },

    async getBucketCors() {
      const res = await call(() => sdk.getBucketCors({ ...where }));
      return asArray(res.CORSRules as unknown as Array<Record<string, unknown>>).map((r) => {
        const list = (plural: string, singular: string) =>
          asArray((r[plural] ?? r[singular]) as string | string[] | undefined).map(String);
        const maxAge = r.MaxAgeSeconds;
        const id = typeof r.ID === 'string' && r.ID !== '' ? r.ID : undefined;
        return {
          ...(id !== undefined ? { id } : {}),
          allowedOrigins: list('AllowedOrigins', 'AllowedOrigin'),
          allowedMethods: list('AllowedMethods', 'AllowedMethod'),
          allowedHeaders: list('AllowedHeaders', 'AllowedHeader'),
          exposeHeaders: list('ExposeHeaders', 'ExposeHeader'),
          ...(maxAge !== undefined && maxAge !== null && maxAge !== ''
            ? { maxAgeSeconds: Number(maxAge) }
            : {}),
        };
      });
    },
  };
}
