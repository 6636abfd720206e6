/** Paths of the signing API, relative to API_BASE. Link token in `Authorization: Bearer …`. */
export const ROUTES = {
  /** GET: the link's title, message, limits, expiry and usage. */
  link: '/link',
  /** POST CreateUploadsRequest → CreateUploadsResponse. */
  uploads: '/uploads',
  /** POST SignRequest → SignResponse. */
  sign: '/uploads/sign',
  /** POST {ticket} → ListPartsResponse. */
  parts: '/uploads/parts',
  /** POST CompleteRequest → CompleteResponse. */
  complete: '/uploads/complete',
  /** POST CompleteBatchRequest → CompleteBatchResponse (single PUTs, up to 100). */
  completeBatch: '/uploads/complete-batch',
  /** POST AbortRequest → 204. */
  abort: '/uploads/abort',
  /** POST UnlockRequest → UnlockResponse: a short-lived proof of the link's password. */
  unlock: '/link/unlock',
  /** POST OpenSubmissionRequest → OpenSubmissionResponse (201). */
  submissions: '/submissions',
  /** POST SubmissionRef → SubmissionReceiptResponse (closes idle submissions on the way). */
  submissionStatus: '/submissions/status',
  /** POST SubmissionRef → SubmissionReceiptResponse: closes the submission (idempotent). */
  submissionFinish: '/submissions/finish',
} as const;
