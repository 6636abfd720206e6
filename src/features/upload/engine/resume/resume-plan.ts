/**
 * Turning a remembered upload plus the server's ListParts into the state a run continues from.
 * ListParts is the truth: a part counts only if COS holds it at the size the plan gives that
 * part number; anything else (a part cut short, a number beyond the plan) is sent again and
 * overwrites what COS has.
 */
import type { ListPartsResponse, MultipartPlan } from '../../../../../protocol/schemas';
import type { ResumeRecord } from '../ports/resume-store';

export function partBytes(
  plan: { partSize: number; partCount: number },
  size: number,
  n: number,
): number {
  const start = (n - 1) * plan.partSize;
  return Math.max(0, Math.min(size, start + plan.partSize) - start);
}

/** The record describes a plan this file can continue (same size, sound part layout). */
export function fitsFile(record: ResumeRecord, file: File): boolean {
  return (
    record.fingerprint.size === file.size &&
    record.partSize > 0 &&
    record.partCount >= 1 &&
    record.partCount === Math.max(1, Math.ceil(file.size / record.partSize))
  );
}

export function planOf(record: ResumeRecord): MultipartPlan {
  return {
    kind: 'multipart',
    ticket: record.ticket,
    key: record.key,
    uploadId: record.uploadId,
    partSize: record.partSize,
    partCount: record.partCount,
  };
}

export function acknowledgedParts(
  record: ResumeRecord,
  size: number,
  listed: ListPartsResponse['parts'],
): { etags: Map<number, string>; bytes: number } {
  const etags = new Map<number, string>();
  let bytes = 0;
  for (const part of listed) {
    const n = part.partNumber;
    if (!Number.isInteger(n) || n < 1 || n > record.partCount || etags.has(n)) continue;
    if (part.size !== partBytes(record, size, n) || part.etag === '') continue;
    etags.set(n, part.etag);
    bytes += part.size;
  }
  return { etags, bytes };
}
