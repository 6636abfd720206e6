import type { Hono } from 'hono';
import { expect } from 'vitest';
import { CreateLinkResponse } from '../../protocol/admin';
import { crc64 } from '../../protocol/crc64';
import type { CreateUploadResult } from '../../protocol/schemas';
import { CreateUploadsResponse, ErrorBody } from '../../protocol/schemas';
import { OpenSubmissionResponse, UnlockResponse } from '../../protocol/submissions';
import { sendSigned } from './test-stack';

/**
 * Test support for submissions: calls to an in-process app (`app.request`), the way a script
 * with no browser would make them, and uploads whose bytes really go to the emulator.
 */
export const API = '/api/v1';
export const ADMIN_TOKEN = 'submissions-admin-token-0123456789';

export interface Reply {
  status: number;
  json: unknown;
  text: string;
  headers: Headers;
}

export async function call(
  app: Hono,
  method: string,
  route: string,
  opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const res = await app.request(API + route, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, json, text, headers: res.headers };
}

export function errorOf(reply: Reply): { code: string; details?: Record<string, unknown> } {
  const parsed = ErrorBody.safeParse(reply.json);
  if (!parsed.success) throw new Error(`not an error answer: ${reply.status} ${reply.text}`);
  return parsed.data.error;
}

export async function adminCreateLink(app: Hono, body: Record<string, unknown>) {
  const r = await call(app, 'POST', '/admin/links', { token: ADMIN_TOKEN, body });
  expect(r.status, r.text).toBe(201);
  return CreateLinkResponse.parse(r.json);
}

export async function unlock(app: Hono, token: string, password: string, headers = {}) {
  const r = await call(app, 'POST', '/link/unlock', { token, body: { password }, headers });
  expect(r.status, r.text).toBe(200);
  return UnlockResponse.parse(r.json).proof;
}

export async function openSubmission(app: Hono, token: string, body: Record<string, unknown> = {}) {
  const r = await call(app, 'POST', '/submissions', { token, body });
  expect(r.status, r.text).toBe(201);
  return OpenSubmissionResponse.parse(r.json).submission;
}

export async function plan(
  app: Hono,
  token: string,
  submission: string | undefined,
  files: Array<{ name: string; size: number; type?: string; relativePath?: string }>,
): Promise<CreateUploadResult[]> {
  const r = await call(app, 'POST', '/uploads', {
    token,
    body: {
      files: files.map((f, i) => ({ clientId: `f${i}`, type: '', ...f })),
      ...(submission ? { submission } : {}),
    },
  });
  expect(r.status, r.text).toBe(200);
  return CreateUploadsResponse.parse(r.json).results;
}

export function single(result: CreateUploadResult | undefined) {
  if (!result?.ok || result.upload.kind !== 'single') {
    throw new Error(`not a single upload: ${JSON.stringify(result)}`);
  }
  return result.upload;
}

export async function put(result: CreateUploadResult | undefined, body: Uint8Array) {
  const res = await sendSigned(single(result).request, body);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
}

/** Plans, PUTs and completes one file; returns the complete call's reply. */
export async function uploadOne(
  app: Hono,
  token: string,
  submission: string | undefined,
  file: { name: string; body: Uint8Array; type?: string; relativePath?: string },
): Promise<{ key: string; ticket: string; complete: Reply }> {
  const [result] = await plan(app, token, submission, [
    {
      name: file.name,
      size: file.body.length,
      ...(file.type ? { type: file.type } : {}),
      ...(file.relativePath ? { relativePath: file.relativePath } : {}),
    },
  ]);
  await put(result, file.body);
  const { ticket, key } = single(result);
  const complete = await call(app, 'POST', '/uploads/complete', {
    token,
    body: { ticket, crc64: crc64(file.body) },
  });
  return { key, ticket, complete };
}

export const text = (s: string) => new TextEncoder().encode(s);
