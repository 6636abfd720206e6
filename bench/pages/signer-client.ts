/**
 * The few signing-API calls the benchmark's own pages make (browser code, bundled by Vite).
 * Deliberately plain `fetch` with no validation or retries: these pages are the "how fast can
 * it be" baselines, so they carry none of the portal's machinery.
 */
import type {
  CompletedPart,
  CompleteResponse,
  CreateUploadsResponse,
  FileSpec,
  SignResponse,
} from '../../protocol/schemas';

export interface PageParams {
  /** Absolute base of the signing API, e.g. `http://127.0.0.1:8080/api/v1`. */
  api: string;
  token: string;
  concurrency: number;
  mode: 'single' | 'multipart';
}

export function readParams(): PageParams {
  const q = new URLSearchParams(location.search);
  return {
    api: q.get('api') ?? '',
    token: q.get('token') ?? '',
    concurrency: Number(q.get('concurrency') ?? 6),
    mode: q.get('mode') === 'multipart' ? 'multipart' : 'single',
  };
}

async function post<T>(params: PageParams, route: string, body: unknown): Promise<T> {
  const res = await fetch(`${params.api}${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${params.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`signer ${route} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

export const createUploads = (params: PageParams, files: FileSpec[]) =>
  post<CreateUploadsResponse>(params, '/uploads', { files });

export const signParts = (params: PageParams, ticket: string, parts: number[]) =>
  post<SignResponse>(params, '/uploads/sign', { ticket, parts });

export const completeUpload = (params: PageParams, ticket: string, parts?: CompletedPart[]) =>
  post<CompleteResponse>(params, '/uploads/complete', parts ? { ticket, parts } : { ticket });

export const abortUpload = (params: PageParams, ticket: string) =>
  post<null>(params, '/uploads/abort', { ticket });

/** Headers a page may not set itself (the browser derives them from the URL and body). */
const FORBIDDEN = new Set(['host', 'content-length', 'connection', 'expect']);

/** One PUT with XHR, every signed header sent as given. Resolves with the ETag. */
export function xhrPut(url: string, headers: Record<string, string>, body: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      if (!FORBIDDEN.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.getResponseHeader('ETag') ?? '');
      else reject(new Error(`PUT answered ${xhr.status}: ${xhr.responseText.slice(0, 300)}`));
    };
    xhr.onerror = () => reject(new Error('PUT failed: network error'));
    xhr.send(body);
  });
}

/** What the harness reads back from every benchmark page. */
export interface BenchState {
  ready: boolean;
  done: boolean;
  ok: number;
  failed: number;
  errors: string[];
  /** Epoch ms (performance.timeOrigin + now) when the last file finished. */
  doneAt: number | null;
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

export function initState(): BenchState {
  window.__bench = { ready: false, done: false, ok: 0, failed: 0, errors: [], doneAt: null };
  return window.__bench;
}

export function nowEpoch(): number {
  return performance.timeOrigin + performance.now();
}
