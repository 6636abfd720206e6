/**
 * The default transport: axios over the browser's XHR (the only browser API that reports
 * upload progress). Three axios defaults would corrupt a signed PUT, so each is switched off:
 *
 * - transformRequest is the identity: the Blob goes to `xhr.send` untouched, so the browser
 *   streams it from disk; the file is never read into memory.
 * - axios adds `Content-Type: application/x-www-form-urlencoded` to every PUT that has none
 *   (dispatchRequest) and `Accept: application/json, text/plain, *\/*` from its defaults. The
 *   value `false` is axios's "do not send" marker, so only the signed headers go out.
 * - a Blob with a `type` makes XHR send `Content-Type: <type>` by itself; when the signature
 *   does not cover Content-Type we send a typeless slice of the same bytes instead (slicing
 *   reads nothing). When it does, we set it explicitly with the signed value.
 *
 * HTTP statuses never throw (`validateStatus: () => true`); the engine's retry policy decides.
 */
import axios, { AxiosError, type AxiosInstance } from 'axios';
import {
  TransportError,
  type PutOptions,
  type Transport,
  type TransportResponse,
} from '../ports/transport';
import { findHeader, isForbiddenRequestHeader } from './request-headers';

export interface AxiosTransportOptions {
  /** Whole-request timeout in ms; 0 (default) = none, the engine's stall timer covers hangs. */
  timeoutMs?: number;
  /** Only for tests: an adapter other than the browser's XHR. */
  adapter?: 'xhr' | 'fetch' | 'http';
}

function lowercaseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  const json =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  for (const [name, value] of Object.entries(json)) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  if (axios.isCancel(error)) return new TransportError('abort', 'Request aborted', error);
  if (error instanceof AxiosError && error.code === AxiosError.ETIMEDOUT) {
    return new TransportError('timeout', error.message, error);
  }
  // ERR_NETWORK, ECONNABORTED (the browser dropped it), CORS refusals: all look the same.
  const message = error instanceof Error ? error.message : 'Network error';
  return new TransportError('network', message, error);
}

export function createAxiosTransport(options: AxiosTransportOptions = {}): Transport {
  const instance: AxiosInstance = axios.create({
    adapter: options.adapter ?? 'xhr',
    timeout: options.timeoutMs ?? 0,
    validateStatus: () => true,
    responseType: 'text',
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
  });

  return {
    async put(url: string, body: Blob, put: PutOptions): Promise<TransportResponse> {
      const headers: Record<string, string | false> = { Accept: false, 'Content-Type': false };
      for (const [name, value] of Object.entries(put.headers)) {
        if (isForbiddenRequestHeader(name)) continue;
        if (name.toLowerCase() === 'content-type') headers['Content-Type'] = value;
        else if (name.toLowerCase() === 'accept') headers.Accept = value;
        else headers[name] = value;
      }
      const signedType = findHeader(put.headers, 'content-type');
      const payload = signedType === undefined && body.type ? body.slice(0, body.size) : body;
      try {
        const response = await instance.request<string>({
          method: 'PUT',
          url,
          data: payload,
          headers,
          signal: put.signal,
          onUploadProgress: put.onProgress
            ? (event) => put.onProgress!(Math.min(event.loaded, payload.size))
            : undefined,
        });
        return {
          status: response.status,
          headers: lowercaseHeaders(response.headers),
          body: typeof response.data === 'string' ? response.data : '',
        };
      } catch (error) {
        if (put.signal?.aborted) throw new TransportError('abort', 'Request aborted', error);
        throw toTransportError(error);
      }
    },
  };
}
