/**
 * Wire schemas of the signing API (version 1). Shared by the signer (validation at the edge)
 * and the portal (validation of every response before use). No DOM or Node APIs here.
 * Human documentation: docs/protocol.md. All times are integer milliseconds since the Unix epoch.
 */
import { z } from 'zod/mini';
import { SERVER_ERROR_CODES } from './error-codes';
import { SubmissionRequirements } from './submissions';

/** COS limits: PUT Object up to 5 GB; multipart objects up to 48.82 TB. */
export const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;
export const MAX_OBJECT_BYTES = 48.82 * 1024 ** 4;
export const MAX_FILES_PER_BATCH = 100;
export const MAX_PARTS_PER_SIGN = 100;

export const ApiError = z.object({
  code: z.enum(SERVER_ERROR_CODES),
  message: z.string(),
  /** Optional machine-readable facts, e.g. {limit: 1048576} for file-too-large. */
  details: z.optional(z.record(z.string(), z.unknown())),
});
export type ApiError = z.infer<typeof ApiError>;
export const ErrorBody = z.object({ error: ApiError });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A CRC-64/XZ value as COS prints it in x-cos-hash-crc64ecma: unsigned decimal. */
export const Crc64 = z.string().check(z.regex(/^\d{1,20}$/));

export const LinkLimits = z.object({
  /** Bytes; null = no limit beyond COS's own. */
  maxFileSize: z.nullable(z.int().check(z.nonnegative())),
  maxTotalBytes: z.nullable(z.int().check(z.nonnegative())),
  maxFiles: z.nullable(z.int().check(z.nonnegative())),
  /** MIME patterns (`image/*`, `application/pdf`) and extensions (`.pdf`); empty = any type. */
  allowedTypes: z.array(z.string()),
});
export type LinkLimits = z.infer<typeof LinkLimits>;

export const LinkInfo = z.object({
  id: z.string(),
  title: z.string(),
  message: z.string(),
  expiresAt: z.nullable(z.int()),
  limits: LinkLimits,
  /** What the link has used so far (verified completions), when the server tracks it. */
  usage: z.nullable(z.object({ files: z.int(), bytes: z.int() })),
  /** Single PUT up to this size; above it the multipart path is used. */
  multipartThreshold: z.int().check(z.positive()),
  /**
   * Exact origins allowed to frame `/embed/<token>` and to receive the embed events
   * (docs/embedding.md). Absent or empty: no page may embed the link.
   */
  embedOrigins: z.optional(z.array(z.string())),
  /**
   * Present only on links that ask for something before signing (password, details, fields,
   * terms, folder template): uploads then go through a submission (docs/protocol.md).
   */
  submission: z.optional(SubmissionRequirements),
});
export type LinkInfo = z.infer<typeof LinkInfo>;

export const LinkInfoResponse = z.object({ serverTime: z.int(), link: LinkInfo });
export type LinkInfoResponse = z.infer<typeof LinkInfoResponse>;

/**
 * Per-file metadata an embedding host attaches (`set-metadata`, docs/embedding.md), stored as
 * `x-cos-meta-<key>` and signed into the upload so it cannot be altered. Keys are lowercase
 * (COS lowercases header names and refuses `_`); values are visible ASCII without spaces, so
 * nothing can smuggle a header (the portal percent-encodes anything else). `filename` is the
 * server's own. COS caps all `x-cos-meta-*` at 2 KB; these pairs may use half of it, and the
 * stored file name gets the rest.
 */
export const MAX_METADATA_PAIRS = 10;
export const MAX_METADATA_BYTES = 1024;
export const RESERVED_METADATA_KEYS: readonly string[] = ['filename'];
export const METADATA_KEY_PATTERN = /^[a-z0-9-]{1,64}$/;
export const METADATA_VALUE_PATTERN = /^[\x21-\x7e]{1,1024}$/;

/** Bytes the pairs take in COS's count: each key (without `x-cos-meta-`) plus its value. */
export function metadataBytes(metadata: Readonly<Record<string, string>>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) bytes += key.length + value.length;
  return bytes;
}

export const FileMetadata = z
  .record(
    z.string().check(z.regex(METADATA_KEY_PATTERN)),
    z.string().check(z.regex(METADATA_VALUE_PATTERN)),
  )
  .check(
    z.refine((m) => Object.keys(m).length <= MAX_METADATA_PAIRS, {
      message: `at most ${MAX_METADATA_PAIRS} metadata pairs`,
    }),
    z.refine((m) => Object.keys(m).every((key) => !RESERVED_METADATA_KEYS.includes(key)), {
      message: 'reserved metadata key',
    }),
    z.refine((m) => metadataBytes(m) <= MAX_METADATA_BYTES, {
      message: `metadata larger than ${MAX_METADATA_BYTES} bytes`,
    }),
  );
export type FileMetadata = z.infer<typeof FileMetadata>;

export const FileSpec = z.object({
  /** Chosen by the client to match results to files; echoed back. */
  clientId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The file's own name; the server sanitises it and never trusts it as a path. */
  name: z.string().check(z.minLength(1), z.maxLength(4096)),
  size: z.int().check(z.nonnegative(), z.maximum(MAX_OBJECT_BYTES)),
  /**
   * MIME type as the browser reports it; may be empty. A hint only: the stored type is decided
   * from the name (file-types.ts).
   */
  type: z.string().check(z.maxLength(255)),
  /** Folder path inside a dropped directory (`scans/2024/`), without the file name. */
  relativePath: z.optional(z.string().check(z.maxLength(4096))),
  /** Stored as `x-cos-meta-<key>` (see FileMetadata); refused as a whole if invalid. */
  metadata: z.optional(FileMetadata),
});
export type FileSpec = z.infer<typeof FileSpec>;

export const CreateUploadsRequest = z.object({
  files: z.array(FileSpec).check(z.minLength(1), z.maxLength(MAX_FILES_PER_BATCH)),
  /** The submission token (`POST /submissions`) the files belong to; required on links that ask. */
  submission: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
});
export type CreateUploadsRequest = z.infer<typeof CreateUploadsRequest>;

/** A request the browser sends to COS exactly as given: every header, byte for byte. */
export const SignedRequest = z.object({
  method: z.enum(['PUT', 'POST', 'GET', 'HEAD', 'DELETE']),
  url: z.url(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.int(),
});
export type SignedRequest = z.infer<typeof SignedRequest>;

export const SinglePlan = z.object({
  kind: z.literal('single'),
  /** Opaque, server-signed; binds link, key, size and type. Sent back on sign/complete/abort. */
  ticket: z.string().check(z.minLength(1)),
  key: z.string(),
  request: SignedRequest,
});
export const MultipartPlan = z.object({
  kind: z.literal('multipart'),
  ticket: z.string().check(z.minLength(1)),
  key: z.string(),
  uploadId: z.string(),
  partSize: z.int().check(z.positive()),
  partCount: z.int().check(z.positive()),
});
export const UploadPlan = z.discriminatedUnion('kind', [SinglePlan, MultipartPlan]);
export type SinglePlan = z.infer<typeof SinglePlan>;
export type MultipartPlan = z.infer<typeof MultipartPlan>;
export type UploadPlan = z.infer<typeof UploadPlan>;

export const CreateUploadResult = z.discriminatedUnion('ok', [
  z.object({ clientId: z.string(), ok: z.literal(true), upload: UploadPlan }),
  z.object({ clientId: z.string(), ok: z.literal(false), error: ApiError }),
]);
export type CreateUploadResult = z.infer<typeof CreateUploadResult>;

export const CreateUploadsResponse = z.object({
  serverTime: z.int(),
  results: z.array(CreateUploadResult),
});
export type CreateUploadsResponse = z.infer<typeof CreateUploadsResponse>;

/** Sign again: a fresh URL for a single PUT, or URLs for the given parts of a multipart upload. */
export const SignRequest = z.object({
  ticket: z.string().check(z.minLength(1)),
  parts: z.optional(
    z
      .array(z.int().check(z.minimum(1), z.maximum(10_000)))
      .check(z.minLength(1), z.maxLength(MAX_PARTS_PER_SIGN)),
  ),
});
export type SignRequest = z.infer<typeof SignRequest>;

export const SignResponse = z.object({
  serverTime: z.int(),
  request: z.optional(SignedRequest),
  parts: z.optional(z.array(z.object({ partNumber: z.int(), request: SignedRequest }))),
});
export type SignResponse = z.infer<typeof SignResponse>;

export const CompletedPart = z.object({
  partNumber: z.int().check(z.minimum(1), z.maximum(10_000)),
  etag: z.string().check(z.minLength(1), z.maxLength(128)),
});
export type CompletedPart = z.infer<typeof CompletedPart>;

/** An MD5 as hex (an ETag's value without its quotes). */
export const Md5Hex = z.string().check(z.regex(/^[0-9a-fA-F]{32}$/));

/**
 * One upload to complete. `crc64` alone (or nothing) is verified as it always was: the server
 * HEADs the object. A single upload may also carry what COS answered to its PUT: `etag`, with
 * `cosCrc64` and/or `md5`; the server then needs no request of its own per file (one listing
 * per batch shows the object with its size and ETag) and HEADs only what the listing does not
 * confirm (docs/protocol.md, docs/security.md).
 */
export const CompleteItem = z.object({
  ticket: z.string().check(z.minLength(1)),
  /** CRC-64/XZ of the whole file computed by the browser; the server compares it with COS. */
  crc64: z.optional(Crc64),
  /** Single PUT: the `ETag` header of COS's answer to the PUT, as it came (quoted or not). */
  etag: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  /** Single PUT: the `x-cos-hash-crc64ecma` header of that answer (the browser compared it with `crc64`). */
  cosCrc64: z.optional(Crc64),
  /** Single PUT: the MD5 of the file, computed by the browser from the file itself (optional). */
  md5: z.optional(Md5Hex),
});
export type CompleteItem = z.infer<typeof CompleteItem>;

export const CompleteRequest = z.extend(CompleteItem, {
  /** Multipart only: the parts as the browser uploaded them. */
  parts: z.optional(z.array(CompletedPart).check(z.maxLength(10_000))),
});
export type CompleteRequest = z.infer<typeof CompleteRequest>;

export const CompleteResponse = z.object({
  serverTime: z.int(),
  key: z.string(),
  size: z.int(),
  /** CRC64 reported by COS for the stored object (null if COS has none). */
  crc64: z.nullable(Crc64),
  etag: z.string(),
  /** True when size matched and, if the client sent one, the CRC64 matched. */
  verified: z.boolean(),
});
export type CompleteResponse = z.infer<typeof CompleteResponse>;

/**
 * Several single-PUT uploads verified in one call (the portal gathers the files that finished
 * within one tick). Each item is what CompleteRequest is for one upload, without parts:
 * multipart uploads are completed one by one.
 */
export const CompleteBatchRequest = z.object({
  uploads: z.array(CompleteItem).check(z.minLength(1), z.maxLength(MAX_FILES_PER_BATCH)),
});
export type CompleteBatchRequest = z.infer<typeof CompleteBatchRequest>;
/** One entry of a complete-batch call. */
export type CompleteBatchItem = CompleteItem;

/**
 * One result per upload, in request order: what `/uploads/complete` would have answered, or
 * its error. An error whose code has a 429 or 5xx status is passing; the client asks again.
 */
export const CompleteBatchResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    key: z.string(),
    size: z.int(),
    crc64: z.nullable(Crc64),
    etag: z.string(),
    verified: z.boolean(),
  }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);
export type CompleteBatchResult = z.infer<typeof CompleteBatchResult>;

export const CompleteBatchResponse = z.object({
  serverTime: z.int(),
  results: z.array(CompleteBatchResult),
});
export type CompleteBatchResponse = z.infer<typeof CompleteBatchResponse>;

export const AbortRequest = z.object({ ticket: z.string().check(z.minLength(1)) });
export type AbortRequest = z.infer<typeof AbortRequest>;

/** Multipart resume: which parts COS already holds for this upload (server-side ListParts). */
export const ListPartsResponse = z.object({
  serverTime: z.int(),
  parts: z.array(z.object({ partNumber: z.int(), etag: z.string(), size: z.int() })),
});
export type ListPartsResponse = z.infer<typeof ListPartsResponse>;

/** Runtime configuration of the portal, fetched from /config.json at start. */
export const PortalConfig = z.object({
  /** Base URL of the signing API: absolute (`https://sign.example.com/api/v1`) or a path. */
  apiBase: z.string().check(z.minLength(1)),
  /** Requests in flight at once, files and parts together. */
  concurrency: z._default(z.int().check(z.minimum(1), z.maximum(32)), 6),
  /** Abort and retry a request that shows no progress for this long. */
  stallTimeoutMs: z._default(z.int().check(z.minimum(1000)), 30_000),
  /**
   * Origin of the bucket endpoint the signed URLs point to (`https://<bucket>.cos.<region>.
   * myqcloud.com`). When set, the portal sends file bytes nowhere else (security: T15).
   */
  storageOrigin: z.optional(z.string().check(z.minLength(1))),
});
export type PortalConfig = z.infer<typeof PortalConfig>;
