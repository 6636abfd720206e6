import type { CompleteResponse, CreateUploadResult, SignedRequest } from '../../protocol/schemas';
import {
  CompleteResponse as CompleteSchema,
  CreateUploadsResponse,
  ErrorBody,
  LinkInfoResponse,
  SignResponse,
} from '../../protocol/schemas';
import { crc64 } from '../../protocol/crc64';
import { sendSigned } from './test-stack';

/**
 * A client of the signing API that does what a script outside the portal would: plain HTTP,
 * no UI, no client-side checks. Tests use it to show that every limit holds on the server
 * whatever a caller sends.
 */
export interface ApiReply {
  status: number;
  json: unknown;
  headers: Headers;
}

export interface ApiScript {
  request(method: string, route: string, body?: unknown): Promise<ApiReply>;
  link(): Promise<ReturnType<typeof LinkInfoResponse.parse>['link']>;
  create(
    files: Array<{ name: string; size: number; type?: string; relativePath?: string }>,
  ): Promise<CreateUploadResult[]>;
  sign(ticket: string): Promise<SignedRequest>;
  complete(ticket: string, crc?: string): Promise<ApiReply>;
  /** Creates, PUTs `body` with the signed headers, and completes one file. */
  upload(
    name: string,
    body: Uint8Array,
    type?: string,
  ): Promise<{ result: CreateUploadResult; put: number | null; complete: ApiReply | null }>;
}

export function errorCodeOf(json: unknown): string | null {
  const parsed = ErrorBody.safeParse(json);
  return parsed.success ? parsed.data.error.code : null;
}

export function apiScript(
  baseUrl: string,
  token: string,
  extraHeaders: Record<string, string> = {},
): ApiScript {
  const request = async (method: string, route: string, body?: unknown): Promise<ApiReply> => {
    const res = await fetch(`${baseUrl}/api/v1${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...extraHeaders,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, json, headers: res.headers };
  };
  const script: ApiScript = {
    request,
    async link() {
      const r = await request('GET', '/link');
      if (r.status !== 200) throw new Error(`GET /link ${r.status} ${JSON.stringify(r.json)}`);
      return LinkInfoResponse.parse(r.json).link;
    },
    async create(files) {
      const r = await request('POST', '/uploads', {
        files: files.map((f, i) => ({ clientId: `f${i}`, type: '', ...f })),
      });
      if (r.status !== 200) throw new Error(`POST /uploads ${r.status} ${JSON.stringify(r.json)}`);
      return CreateUploadsResponse.parse(r.json).results;
    },
    async sign(ticket) {
      const r = await request('POST', '/uploads/sign', { ticket });
      if (r.status !== 200) throw new Error(`sign ${r.status} ${JSON.stringify(r.json)}`);
      return SignResponse.parse(r.json).request!;
    },
    complete(ticket, crc) {
      return request('POST', '/uploads/complete', { ticket, ...(crc ? { crc64: crc } : {}) });
    },
    async upload(name, body, type = '') {
      const [result] = await script.create([{ name, size: body.length, type }]);
      if (!result!.ok || result!.upload.kind !== 'single') {
        return { result: result!, put: null, complete: null };
      }
      const put = await sendSigned(result!.upload.request, body);
      await put.arrayBuffer();
      const complete = await script.complete(result!.upload.ticket, crc64(body));
      return { result: result!, put: put.status, complete };
    },
  };
  return script;
}

export function completed(reply: ApiReply): CompleteResponse {
  return CompleteSchema.parse(reply.json);
}
