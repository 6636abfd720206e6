import { expect } from 'vitest';
import type { CompletedPart, SignedRequest } from '../../protocol/schemas';
import { sendSigned } from './test-stack';

/**
 * PUTs each signed part of a multipart upload with its slice of `data`, as the portal does, and
 * expects every one stored (200). Returns what the complete call lists.
 */
export async function sendParts(
  parts: Array<{ partNumber: number; request: SignedRequest }>,
  data: Uint8Array,
  partSize: number,
): Promise<CompletedPart[]> {
  const sent: CompletedPart[] = [];
  for (const { partNumber, request } of parts) {
    const slice = data.subarray((partNumber - 1) * partSize, partNumber * partSize);
    const res = await sendSigned(request, slice);
    expect(res.status).toBe(200);
    sent.push({ partNumber, etag: res.headers.get('etag')! });
  }
  return sent;
}
