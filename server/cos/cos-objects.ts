import type { CosClient } from './cos-client';
import { compareKeys } from './key-order';
import { asArray, call, header, orNullIfMissing, type Sdk, type SdkHeaders } from './sdk-calls';

/** `SkipTask` is a real option of the SDK's putObject that its type definitions leave out. */
const SKIP_TASK_QUEUE: Record<string, unknown> = { SkipTask: true };

/** Objects: HEAD (what verification compares), small server-side writes and reads, listing. */
export function objectCalls({
  sdk,
  where,
}: Sdk): Pick<
  CosClient,
  'headObject' | 'deleteObject' | 'putObject' | 'getObject' | 'listObjects'
> {
  return {
    async headObject(key) {
      return orNullIfMissing(async () => {
        const res = await sdk.headObject({ ...where, Key: key });
        const h = res.headers as SdkHeaders;
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
      });
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
      return orNullIfMissing(async () => {
        const res = await sdk.getObject({ ...where, Key: key });
        return { body: res.Body, etag: String(res.ETag ?? '') };
      });
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
  };
}
