import type { ServerErrorCode } from '../protocol/error-codes';

/**
 * A request refused on purpose: a stable code from `protocol/error-codes`, a message meant for
 * people, and optional machine-readable details. Domain code (links, uploads, submissions,
 * admin) throws it without knowing about HTTP; the HTTP layer answers it with the status
 * `STATUS_OF` gives its code (http/error-response.ts), so the same code never travels with two
 * different statuses.
 */
export class Refusal extends Error {
  readonly code: ServerErrorCode;
  readonly details: Record<string, unknown> | undefined;
  /** How long to wait before trying again (rate limits), in seconds. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ServerErrorCode,
    message: string,
    details?: Record<string, unknown>,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'Refusal';
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The `{error}` body of the API's answer. */
  toApiError(): { code: ServerErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
