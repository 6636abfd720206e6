/**
 * How the engine sends bytes to COS. An interface (like tus-js-client's HttpStack) so the
 * engine never touches XHR and its tests can script every turn. HTTP statuses are answers,
 * not errors: only "no answer at all" throws.
 */

export interface TransportResponse {
  status: number;
  /** Response headers the browser lets us read (CORS ExposeHeader), names lowercased. */
  headers: Record<string, string>;
  /** Body as text (COS error XML, or empty). */
  body: string;
}

export interface PutOptions {
  /** Sent exactly as given (the signed set); nothing else is added. */
  headers: Record<string, string>;
  /** Bytes of the body sent so far in this request. */
  onProgress?: (loaded: number) => void;
  signal?: AbortSignal;
}

export interface Transport {
  put(url: string, body: Blob, options: PutOptions): Promise<TransportResponse>;
}

export type TransportErrorKind = 'network' | 'abort' | 'timeout';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportErrorKind;

  constructor(kind: TransportErrorKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}

/**
 * Request headers a page may not set (Fetch spec "forbidden request-header names"). The
 * browser sets them itself: Content-Length from the body, Host from the URL. A signer may put
 * them in the signed set; the browser then sends the same value, so we drop them instead of
 * triggering "Refused to set unsafe header" console errors.
 */
const FORBIDDEN_HEADERS = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

export function isForbiddenRequestHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/** Case-insensitive header lookup in a plain record. */
export function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === lower) return headers[key];
  }
  return undefined;
}
