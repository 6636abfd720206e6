/**
 * The one axios instance that talks to our signing server. Every request carries the link
 * token as a bearer token; every failure becomes a `SignerError` with a stable code, so callers
 * (the engine's retry policy, the TanStack Query hooks) never look at axios internals.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { z } from 'zod/mini';
import { ErrorBody } from '../../protocol/schemas';
import type { ErrorCode } from '../../protocol/error-codes';

export interface ApiClientOptions {
  /** Base URL of the signing API, absolute or a path (`/api/v1`). */
  apiBase: string;
  /** Read at every request, so a token that arrives later (or changes) is used. */
  getToken: () => string | null | undefined;
  /** Whole-request timeout. Signer calls are small JSON exchanges; 30 s is generous. */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface SignerErrorInit {
  code: ErrorCode;
  status: number;
  message: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** A failed call to the signing server. `status` is 0 when no HTTP response arrived. */
export class SignerError extends Error {
  override readonly name = 'SignerError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: SignerErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

export function isSignerError(error: unknown): error is SignerError {
  return error instanceof SignerError;
}

export const DEFAULT_API_TIMEOUT_MS = 30_000;

export function createApiClient(options: ApiClientOptions): AxiosInstance {
  const instance = axios.create({
    baseURL: options.apiBase.replace(/\/+$/, ''),
    timeout: options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS,
    headers: { Accept: 'application/json' },
    responseType: 'json',
    // Distinguish a timeout (ETIMEDOUT) from a connection the browser dropped (ECONNABORTED).
    transitional: { clarifyTimeoutError: true },
  });
  instance.interceptors.request.use((config) => {
    const token = options.getToken();
    if (token) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  instance.interceptors.response.use(undefined, (error: unknown) =>
    Promise.reject(toSignerError(error)),
  );
  return instance;
}

/** Codes for HTTP failures whose body is not our `{error:{code,message}}` (a proxy, a crash). */
function codeForBareStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  return 'signer-unavailable';
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: (n: string) => unknown }).get;
  const value =
    typeof get === 'function'
      ? get.call(headers, name)
      : (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Map anything a signer call can throw to a SignerError. */
export function toSignerError(error: unknown): SignerError {
  if (error instanceof SignerError) return error;
  if (axios.isCancel(error)) {
    return new SignerError({
      code: 'cancelled',
      status: 0,
      message: 'Request cancelled',
      cause: error,
    });
  }
  if (error instanceof AxiosError) {
    const response = error.response;
    if (!response) {
      const timedOut = error.code === AxiosError.ETIMEDOUT;
      return new SignerError({
        code: 'signer-unavailable',
        status: 0,
        message: timedOut
          ? 'The signing server did not answer in time'
          : 'The signing server is unreachable',
        details: { reason: timedOut ? 'timeout' : 'network', axiosCode: error.code ?? null },
        cause: error,
      });
    }
    const retryAfter = headerValue(response.headers, 'retry-after');
    const parsed = ErrorBody.safeParse(response.data);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new SignerError({
        code,
        status: response.status,
        message,
        details: retryAfter === undefined ? details : { ...details, retryAfter },
        cause: error,
      });
    }
    return new SignerError({
      code: codeForBareStatus(response.status),
      status: response.status,
      message: `The signing server answered HTTP ${response.status}`,
      details: retryAfter === undefined ? undefined : { retryAfter },
      cause: error,
    });
  }
  return new SignerError({
    code: 'signer-unavailable',
    status: 0,
    message: error instanceof Error ? error.message : 'Signer request failed',
    cause: error,
  });
}

/**
 * Send a request and validate the JSON answer against a protocol schema. A 2xx answer that
 * does not match the protocol is treated as an unusable signer, never passed on half-parsed.
 */
export async function requestJson<S extends z.ZodMiniType>(
  client: AxiosInstance,
  config: AxiosRequestConfig,
  schema: S,
): Promise<z.infer<S>> {
  const response = await client.request<unknown>(config);
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new SignerError({
      code: 'signer-unavailable',
      status: response.status,
      message: 'The signing server answered with an unexpected body',
      details: { reason: 'invalid-response', issues: parsed.error.issues.slice(0, 5) },
    });
  }
  return parsed.data;
}

/**
 * A POST endpoint of the signing API as a function: the body in, the answer checked against
 * its schema out, the caller's signal passed on.
 */
export function postEndpoint<Body, S extends z.ZodMiniType>(url: string, schema: S) {
  return (client: AxiosInstance, body: Body, options: RequestOptions = {}): Promise<z.infer<S>> =>
    requestJson(client, { method: 'POST', url, data: body, signal: options.signal }, schema);
}

/** A GET of the signing API, its answer checked against the schema. */
export function getJson<S extends z.ZodMiniType>(
  client: AxiosInstance,
  url: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  return requestJson(client, { method: 'GET', url, signal: options.signal }, schema);
}
