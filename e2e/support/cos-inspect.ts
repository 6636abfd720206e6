/**
 * What the resilience specs ask the emulator beyond objects: HEAD without downloading, the
 * multipart uploads still open, the parts of one, and the emulator's own counters and faults
 * (admin API). Reads go through the official SDK, as a bucket owner would.
 */
import type COS from 'cos-nodejs-sdk-v5';
import { emulatorClient } from './cos';
import type { StackInfo } from './launch-stack';

export interface EmulatorStats {
  put: number;
  part: number;
  initiate: number;
  complete: number;
  abort: number;
  listParts: number;
  requests: number;
  bytesReceived: number;
  errors: Record<string, number>;
  faults: { error: number; drop: number; commitThenDrop: number };
}

const where = (stack: StackInfo) => ({ Bucket: stack.bucket, Region: stack.region });

export async function headObject(
  stack: StackInfo,
  key: string,
): Promise<{ size: number; crc64: string | null; meta: Record<string, string> }> {
  const head = await emulatorClient(stack).headObject({ ...where(stack), Key: key });
  const headers = head.headers ?? {};
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-cos-meta-')) meta[name.slice('x-cos-meta-'.length)] = String(value);
  }
  return {
    size: Number(headers['content-length']),
    crc64: (headers['x-cos-hash-crc64ecma'] as string | undefined) ?? null,
    meta,
  };
}

/** Multipart uploads begun and neither completed nor aborted. */
export async function openMultipartUploads(
  stack: StackInfo,
  prefix = '',
): Promise<Array<{ key: string; uploadId: string }>> {
  // No delimiter: every open upload under the prefix (the typings insist on one).
  const params = { ...where(stack), Prefix: prefix } as COS.MultipartListParams;
  const res = await emulatorClient(stack).multipartList(params);
  return (res.Upload ?? []).map((u) => ({ key: u.Key, uploadId: u.UploadId }));
}

export async function listParts(
  stack: StackInfo,
  key: string,
  uploadId: string,
): Promise<Array<{ partNumber: number; size: number }>> {
  const res = await emulatorClient(stack).multipartListPart({
    ...where(stack),
    Key: key,
    UploadId: uploadId,
  });
  return (res.Part ?? []).map((p) => ({ partNumber: Number(p.PartNumber), size: Number(p.Size) }));
}

export async function emulatorStats(stack: StackInfo): Promise<EmulatorStats> {
  const res = await fetch(`${stack.emulator!.adminUrl}/stats`);
  return (await res.json()) as EmulatorStats;
}

export async function resetStats(stack: StackInfo): Promise<void> {
  await fetch(`${stack.emulator!.adminUrl}/stats/reset`, { method: 'POST' });
}

export async function setFaults(stack: StackInfo, faults: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${stack.emulator!.adminUrl}/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`PUT /faults: ${res.status} ${await res.text()}`);
}
