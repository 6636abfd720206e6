/**
 * What a failure's code means for the file beyond "it failed": refused rather than failed,
 * hashed again on Retry, or the end of a remembered upload. The retry decisions themselves
 * (back off, sign again, verify, give up) are in retry-policy.ts.
 */
import type { ErrorCode } from '../../../../../protocol/error-codes';
import { isSignerError } from '../ports/signer';
import type { UploadError } from '../types';
import { isUploadFailure } from './upload-failure';

/** Signer codes that mean "this file may not be sent" rather than "sending it failed". */
export const REJECT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'file-too-large',
  'file-type-not-allowed',
  'too-many-files',
  'quota-exceeded',
]);

/** Failures after which a retry must hash the file again: its bytes may have changed. */
export const REHASH_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'file-changed',
  'checksum-mismatch',
  'size-mismatch',
  'file-unreadable',
  'bad-digest',
]);

/** Failures after which a remembered multipart upload cannot be continued. */
export const UPLOAD_GONE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'upload-not-found',
  'ticket-invalid',
  'link-expired',
  'link-revoked',
  'file-changed',
  'object-missing',
]);

/** Whatever a run or a call threw, as the file's error. */
export function toUploadError(error: unknown): UploadError {
  if (isUploadFailure(error)) return error.error;
  if (isSignerError(error)) {
    return { code: error.code, status: error.status || undefined, detail: error.message };
  }
  return {
    code: 'internal-error',
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}
