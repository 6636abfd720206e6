import { open, type FileHandle } from 'node:fs/promises';
import { queryValue } from '../cos-encoding';
import { CosError, accessDenied, noSuchKey } from '../cos-error';
import { isPublicRead } from '../object-acl';
import { httpDate, normalizeEtag, quoteEtag } from '../object-headers';
import { concatReadStream } from '../concat-read-stream';
import { send, sendStream, type RequestContext } from '../request-context';
import type { StoredObject } from '../storage';

/** `response-*` query parameters that override stored headers on GET (pre-signed downloads). */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'Content-Type',
  'response-content-language': 'Content-Language',
  'response-expires': 'Expires',
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
};

/**
 * A header's value is bytes, read as Latin-1 (RFC 9110): a name in Chinese goes in RFC 5987's
 * `filename*=UTF-8''…` form, the one every browser reads. Raw, it is refused here in words,
 * so a client that works against the emulator never depends on how a raw one would travel.
 */
function headerValue(param: string, value: string): string {
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
    throw new CosError(
      400,
      'InvalidArgument',
      `${param} holds characters an HTTP header cannot carry; percent-encode them (RFC 5987).`,
    );
  }
  return value;
}

const CANONICAL: Record<string, string> = {
  'content-type': 'Content-Type',
  'content-disposition': 'Content-Disposition',
  'content-encoding': 'Content-Encoding',
  'content-language': 'Content-Language',
  'cache-control': 'Cache-Control',
  expires: 'Expires',
};

function objectHeaders(obj: StoredObject): Record<string, string> {
  const h: Record<string, string> = {
    'Content-Type': 'application/octet-stream',
    ETag: quoteEtag(obj.etag),
    'Last-Modified': httpDate(obj.lastModified),
    'Accept-Ranges': 'bytes',
    'x-cos-hash-crc64ecma': obj.crc64,
  };
  for (const [name, value] of Object.entries(obj.headers)) h[CANONICAL[name] ?? name] = value;
  if (obj.storageClass !== 'STANDARD') h['x-cos-storage-class'] = obj.storageClass;
  if (obj.versionId) h['x-cos-version-id'] = obj.versionId;
  return h;
}

/** Storage classes whose objects must be restored before GET (COS: 403 InvalidObjectState). */
const COLD_CLASSES = new Set(['ARCHIVE', 'DEEP_ARCHIVE']);

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined = whole object (absent or unsupported form). */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw invalidRange(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size) throw invalidRange(size);
  return { start, end };
}

const invalidRange = (size: number): CosError =>
  new CosError(
    416,
    'InvalidRange',
    'The requested range is not satisfiable.',
    {},
    {
      'Content-Range': `bytes */${size}`,
    },
  );

const etagMatches = (header: string, etag: string): boolean =>
  header.split(',').some((v) => v.trim() === '*' || normalizeEtag(v) === etag);

/** Conditional GET/HEAD: 304 Not Modified or 412 PreconditionFailed, else undefined. */
function preconditions(ctx: RequestContext, obj: StoredObject): 304 | undefined {
  const h = ctx.req.headers;
  const modifiedSec = Math.floor(obj.lastModified / 1000);
  const dateSec = (v: string): number => Math.floor(Date.parse(v) / 1000);
  const failed = (): CosError =>
    new CosError(
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold.',
    );
  if (h['if-match'] !== undefined && !etagMatches(h['if-match'], obj.etag)) throw failed();
  if (h['if-unmodified-since'] !== undefined && modifiedSec > dateSec(h['if-unmodified-since'])) {
    throw failed();
  }
  if (h['if-none-match'] !== undefined) {
    if (etagMatches(h['if-none-match'], obj.etag)) return 304;
  } else if (
    h['if-modified-since'] !== undefined &&
    modifiedSec <= dateSec(h['if-modified-since'])
  ) {
    return 304;
  }
  return undefined;
}

/** All of the files, open, or undefined when one of them is gone (the others closed again). */
async function openAll(paths: string[]): Promise<FileHandle[] | undefined> {
  const opened = await Promise.all(paths.map((p) => open(p).catch(() => undefined)));
  if (opened.every((h) => h !== undefined)) return opened as FileHandle[];
  await Promise.all(opened.map((h) => h?.close().catch(() => undefined)));
  return undefined;
}

/** HEAD Object and GET Object (with Range, conditional headers and response-* overrides). */
export async function readObject(ctx: RequestContext): Promise<void> {
  const objects = ctx.bucket!.objects;
  // The data files of a version being replaced can vanish between lookup and open; look again.
  let obj: StoredObject | undefined;
  let handles: FileHandle[] | undefined;
  for (let attempt = 0; attempt < 3 && !handles; attempt++) {
    obj = objects.get(ctx.key);
    // Without a signature, a missing and a private object look the same: 403, as on COS.
    if (ctx.anonymous && !isPublicRead(obj?.acl)) throw accessDenied();
    if (!obj) throw noSuchKey();
    if (ctx.method === 'HEAD') break;
    if (COLD_CLASSES.has(obj.storageClass)) {
      throw new CosError(
        403,
        'InvalidObjectState',
        `The object is in the ${obj.storageClass} storage class; restore it before reading it.`,
      );
    }
    handles = await openAll(objects.dataPaths(obj));
  }
  if (!obj || (ctx.method === 'GET' && !handles)) throw noSuchKey();
  const closeAll = () => Promise.all((handles ?? []).map((h) => h.close().catch(() => undefined)));
  try {
    const headers = objectHeaders(obj);
    if (preconditions(ctx, obj) === 304) {
      await closeAll();
      handles = undefined;
      send(ctx, 304, { ETag: headers.ETag!, 'Last-Modified': headers['Last-Modified']! });
      return;
    }
    if (ctx.method === 'HEAD') {
      send(ctx, 200, { ...headers, 'Content-Length': String(obj.size) });
      return;
    }
    for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
      const v = queryValue(ctx.query, param);
      if (v !== undefined) headers[header] = headerValue(param, v);
    }
    const range = parseRange(ctx.req.headers.range, obj.size);
    const files = handles!;
    handles = undefined;
    const stream = obj.parts
      ? concatReadStream(
          files.map((handle, i) => ({ handle, size: obj!.parts![i]!.size })),
          range ?? { start: 0, end: obj.size - 1 },
        )
      : files[0]!.createReadStream(range ? { start: range.start, end: range.end } : {});
    if (range) {
      sendStream(
        ctx,
        206,
        {
          ...headers,
          'Content-Length': String(range.end - range.start + 1),
          'Content-Range': `bytes ${range.start}-${range.end}/${obj.size}`,
        },
        stream,
      );
    } else {
      sendStream(ctx, 200, { ...headers, 'Content-Length': String(obj.size) }, stream);
    }
  } finally {
    await closeAll();
  }
}
