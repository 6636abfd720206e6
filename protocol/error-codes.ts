/**
 * Stable, kebab-case error codes. Server codes travel in `{error:{code,message}}` bodies;
 * client codes are produced by the upload engine from what COS or the network did.
 * One catalogue in the portal (src/i18n) maps every code to words in each language.
 */
export const SERVER_ERROR_CODES = [
  'invalid-request',
  'payload-too-large',
  'link-missing',
  'link-malformed',
  'link-tampered',
  'link-expired',
  'link-revoked',
  'file-too-large',
  'file-type-not-allowed',
  'too-many-files',
  'quota-exceeded',
  'ticket-invalid',
  'upload-not-found',
  'object-missing',
  'size-mismatch',
  'checksum-mismatch',
  'rate-limited',
  'origin-not-allowed',
  /** The link has a password and the call carried no valid proof of it (POST /link/unlock). */
  'password-required',
  /** The link asks for uploader details or custom fields that are missing or invalid. */
  'uploader-details-required',
  /** The link has terms and the call did not accept them (or accepted another version). */
  'terms-not-accepted',
  /** The link files uploads by submission (folder template) and the call named none. */
  'submission-required',
  /** The submission token was edited, expired or belongs to another link. */
  'submission-invalid',
  /** The submission is closed (finished, or idle); open a new one to send more. */
  'submission-closed',
  'unauthorized',
  'not-found',
  'storage-error',
  'internal-error',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

export const CLIENT_ERROR_CODES = [
  'network-error',
  'timeout',
  'stalled',
  'offline',
  'url-expired',
  'signature-mismatch',
  'access-denied',
  'bad-digest',
  'storage-rejected',
  'storage-unavailable',
  'file-unreadable',
  'file-changed',
  'etag-unreadable',
  'signer-unavailable',
  'cancelled',
  /** The signer handed out a URL the portal will not send a file to (wrong host, headers…). */
  'url-rejected',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ErrorCode = ServerErrorCode | ClientErrorCode;

/** HTTP status the signer answers with for each server code. */
export const STATUS_OF: Record<ServerErrorCode, number> = {
  'invalid-request': 400,
  'payload-too-large': 413,
  'link-missing': 401,
  'link-malformed': 401,
  'link-tampered': 401,
  'link-expired': 410,
  'link-revoked': 410,
  'file-too-large': 413,
  'file-type-not-allowed': 415,
  'too-many-files': 403,
  'quota-exceeded': 403,
  'ticket-invalid': 400,
  'upload-not-found': 404,
  'object-missing': 409,
  'size-mismatch': 409,
  'checksum-mismatch': 409,
  'rate-limited': 429,
  'origin-not-allowed': 403,
  'password-required': 401,
  'uploader-details-required': 400,
  'terms-not-accepted': 400,
  'submission-required': 400,
  'submission-invalid': 400,
  'submission-closed': 409,
  unauthorized: 401,
  'not-found': 404,
  'storage-error': 502,
  'internal-error': 500,
};
