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
