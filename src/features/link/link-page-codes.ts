import type { ErrorCode } from '../../../protocol/error-codes';

/**
 * Link errors that no retry can fix: the page explains which one it is and shows no
 * dropzone. Everything else (network, 5xx, rate limits) offers a retry button instead.
 */
export const LINK_PAGE_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'link-missing',
  'link-malformed',
  'link-tampered',
  'link-expired',
  'link-revoked',
  'unauthorized',
  'origin-not-allowed',
]);
