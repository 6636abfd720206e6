import type { CosClient, PresignedRequest } from './cos-client';
import type { Sdk } from './sdk-calls';

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

/** Pre-signed URLs, every one made by the SDK: the browser's PUTs and the owner's GETs. */
export function presignedCalls({
  sdk,
  where,
}: Sdk): Pick<CosClient, 'presignPut' | 'presignPart' | 'presignGet' | 'objectUrl'> {
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

  return {
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

    presignGet(key, { expiresSeconds, query }) {
      return presign(key, 'GET', {}, query, expiresSeconds);
    },

    objectUrl(key) {
      return sdk.getObjectUrl({ ...where, Key: key, Sign: false }, () => {});
    },
  };
}
