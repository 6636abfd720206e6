import COS from 'cos-nodejs-sdk-v5';
import type { CosSettings } from '../config';
import { bucketCalls } from './cos-bucket';
import { multipartCalls } from './cos-multipart';
import { objectCalls } from './cos-objects';
import { presignedCalls } from './cos-presign';

/**
 * A small, promise-based adapter over the official `cos-nodejs-sdk-v5`: every signature the
 * signer hands out is made by the SDK, never by our own code. The rest of the server talks to
 * COS only through this interface, in its own vocabulary (camelCase, numbers, nulls). Its
 * calls are grouped by what they touch: pre-signed URLs (cos-presign.ts), objects
 * (cos-objects.ts), multipart uploads (cos-multipart.ts) and bucket settings (cos-bucket.ts).
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
  const endpointOrigin = new URL(sdk.getObjectUrl({ ...where, Key: 'x', Sign: false }, () => {}))
    .origin;
  const parts = { sdk, where };
  return {
    bucket,
    region,
    endpointOrigin,
    ...presignedCalls(parts),
    ...objectCalls(parts),
    ...multipartCalls(parts),
    ...bucketCalls(parts),
  };
}
