import type { CompleteResponse } from '../../protocol/schemas';
import { Refusal } from '../refusal';
import type { UploadTicket } from './ticket';
import type { UploadDeps } from './upload-deps';

export type Verified = Omit<CompleteResponse, 'serverTime'>;

/**
 * Verification by HEAD, the authority whenever there is any doubt (and for every upload whose
 * browser did not report COS's answer, see listed-objects.ts): the size must equal the declared
 * size (COS truncates a short body silently), and the CRC-64 COS computed must equal the
 * browser's own when it sent one. A bad object is deleted so the browser can upload again to
 * the same key despite forbid-overwrite.
 */
export async function verifyByHead(
  deps: UploadDeps,
  t: UploadTicket,
  crc64: string | undefined,
): Promise<Verified> {
  const head = await deps.cos.headObject(t.key);
  if (!head) {
    throw new Refusal('object-missing', 'The file has not arrived in storage.');
  }
  const discard = async () => {
    try {
      await deps.cos.deleteObject(t.key);
      return true;
    } catch {
      return false;
    }
  };
  if (head.size !== t.size) {
    const deleted = await discard();
    throw new Refusal('size-mismatch', 'The stored file does not have the declared size.', {
      expected: t.size,
      actual: head.size,
      deleted,
    });
  }
  if (crc64 !== undefined && head.crc64 !== null && head.crc64 !== crc64) {
    const deleted = await discard();
    throw new Refusal('checksum-mismatch', 'The stored file differs from the one sent.', {
      expected: crc64,
      actual: head.crc64,
      deleted,
    });
  }
  return {
    key: t.key,
    size: head.size,
    crc64: head.crc64,
    etag: head.etag,
    verified: crc64 === undefined || head.crc64 === crc64,
  };
}
