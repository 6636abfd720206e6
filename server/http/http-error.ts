import type { ServerErrorCode } from '../../protocol/error-codes';
import { STATUS_OF } from '../../protocol/error-codes';

/**
 * An error the API answers with on purpose: a stable code from `protocol/error-codes`, a
 * message meant for people, and optional machine-readable details. The HTTP status always
 * comes from `STATUS_OF`, so the same code never travels with two different statuses.
 */
export class HttpError extends Error {
  readonly code: ServerErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  /** Sent as `Retry-After` (429 answers). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ServerErrorCode,
    message: string,
    details?: Record<string, unknown>,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'HttpError';
    this.code = code;
    this.status = STATUS_OF[code];
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  toApiError(): { code: ServerErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
