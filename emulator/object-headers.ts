import type { IncomingHttpHeaders } from 'node:http';
import { CosError, invalidArgument } from './cos-error';

/** Largest PUT Object / UploadPart body: 5 GB. */
export const MAX_SINGLE_UPLOAD = 5 * 1024 ** 3;
/** Total `x-cos-meta-*` size COS accepts. */
export const MAX_USER_METADATA = 2 * 1024;

/** Standard headers COS stores with an object and returns on HEAD/GET. */
const STORED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-encoding',
  'content-language',
  'cache-control',
  'expires',
];

const STORAGE_CLASSES = new Set([
  'STANDARD',
  'STANDARD_IA',
  'INTELLIGENT_TIERING',
  'ARCHIVE',
  'DEEP_ARCHIVE',
  'MAZ_STANDARD',
  'MAZ_STANDARD_IA',
  'MAZ_INTELLIGENT_TIERING',
]);

const single = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/**
 * The headers an upload stores (PUT Object, or Initiate for multipart). Empty values are
 * skipped: the SDKs send `Cache-Control: ""` and `Content-Type: ""` meaning "none".
 */
export function storableHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const v = single(headers, name);
    if (v !== undefined && v !== '') out[name] = v;
  }
  let metaBytes = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (!name.startsWith('x-cos-meta-') || raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    // Header values arrive latin1-decoded; count the bytes actually received.
    metaBytes += name.length - 'x-cos-meta-'.length + Buffer.byteLength(value, 'latin1');
    out[name] = value;
  }
  if (metaBytes > MAX_USER_METADATA) {
    throw new CosError(
      400,
      'MetadataTooLarge',
      `Your metadata headers exceed the maximum allowed metadata size (${MAX_USER_METADATA} bytes).`,
    );
  }
  return out;
}

export function storageClassOf(headers: IncomingHttpHeaders): string {
  const v = single(headers, 'x-cos-storage-class');
  if (v === undefined || v === '') return 'STANDARD';
  const upper = v.toUpperCase();
  if (!STORAGE_CLASSES.has(upper)) {
    throw new CosError(400, 'InvalidStorageClass', 'The storage class you specified is not valid.');
  }
  return upper;
}

export function forbidOverwrite(headers: IncomingHttpHeaders): boolean {
  return (single(headers, 'x-cos-forbid-overwrite') ?? '').toLowerCase() === 'true';
}

/** Binary MD5 from `Content-MD5` (base64 of 16 bytes); malformed ⇒ 400 InvalidDigest. */
export function parseContentMd5(headers: IncomingHttpHeaders): Buffer | undefined {
  const v = single(headers, 'content-md5');
  if (v === undefined) return undefined;
  const trimmed = v.trim();
  const bytes = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]{22}==$/.test(trimmed) || bytes.length !== 16) {
    throw new CosError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
  }
  return bytes;
}

/**
 * The declared body length: a number, or undefined for `Transfer-Encoding: chunked`. Missing
 * both ⇒ 411 MissingContentLength; over `max` ⇒ 400 EntityTooLarge before any byte is read.
 */
export function declaredLength(headers: IncomingHttpHeaders, max: number): number | undefined {
  const te = single(headers, 'transfer-encoding');
  const cl = single(headers, 'content-length');
  if (cl === undefined) {
    if (te !== undefined && te.toLowerCase().includes('chunked')) return undefined;
    throw new CosError(
      411,
      'MissingContentLength',
      'You must provide the Content-Length HTTP header.',
    );
  }
  if (!/^\d+$/.test(cl.trim())) throw invalidArgument('Content-Length is not a valid number.');
  const n = Number(cl.trim());
  if (n > max) {
    throw new CosError(
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed object size.',
    );
  }
  return n;
}

/** `"<etag>"`, the quoted form used in headers and XML. */
export const quoteEtag = (etag: string): string => `"${etag}"`;

/** Strips quotes (also `&quot;` left undecoded by some clients) and lowercases an ETag. */
export function normalizeEtag(value: string): string {
  return value
    .trim()
    .replace(/&quot;/g, '"')
    .replace(/^"+|"+$/g, '')
    .toLowerCase();
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
