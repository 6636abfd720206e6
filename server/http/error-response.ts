import type { Context, Hono } from 'hono';
import { STATUS_OF } from '../../protocol/error-codes';
import type { ApiError } from '../../protocol/schemas';
import { API_BASE } from '../../protocol/version';
import { CosError } from '../cos/cos-error';
import type { Logger } from '../log/logger';
import { redactPath } from '../log/logger';
import { Refusal } from '../refusal';
import { QuotaBusyError, QuotaInFlightError } from '../state/quota-journal';
import { rateLimited } from './rate-limits';

/** The API's error body, `{error: {code, message, details?}}`, with its status. */
export function errorResponse(c: Context, error: ApiError, status: number): Response {
  return c.json({ error }, status as 400);
}

/** Turns what the domain throws into the refusal the API answers with; null for a bug. */
export type FailureMapper = (err: unknown) => Refusal | null;

/** The answer for a failure we know (ours, the quota journal's, COS's); null for a bug. */
export function createFailureMapper(logger: Logger): FailureMapper {
  return (err) => {
    if (err instanceof Refusal) return err;
    if (err instanceof QuotaBusyError || err instanceof QuotaInFlightError) {
      return rateLimited(
        1,
        err instanceof QuotaBusyError ? 'for this link right now' : 'in flight',
      );
    }
    if (err instanceof CosError) {
      logger.warn(
        `storage error ${err.cosCode} (${err.statusCode ?? 'no status'}) request ${err.requestId ?? '-'}`,
      );
      return new Refusal('storage-error', 'The storage service failed to handle the request.', {
        cosCode: err.cosCode,
        status: err.statusCode,
        requestId: err.requestId,
      });
    }
    return null;
  };
}

/**
 * The one place failures become answers: a refusal with the status its code has in
 * `STATUS_OF` (and `Retry-After` when it says when to come back), anything else a 500 that
 * is logged; unknown API routes a JSON 404, other paths a plain one.
 */
export function answerFailures(app: Hono, knownFailure: FailureMapper, logger: Logger): void {
  app.notFound((c) => {
    if (c.req.path === API_BASE || c.req.path.startsWith(`${API_BASE}/`)) {
      return errorResponse(c, { code: 'not-found', message: 'No such API route.' }, 404);
    }
    return c.text('not found', 404);
  });

  app.onError((err, c) => {
    const failure = knownFailure(err);
    if (failure) {
      if (failure.retryAfterSeconds !== undefined) {
        c.header('Retry-After', String(failure.retryAfterSeconds));
      }
      return errorResponse(c, failure.toApiError(), STATUS_OF[failure.code]);
    }
    logger.error(`unhandled error on ${c.req.method} ${redactPath(c.req.path)}`, err);
    return errorResponse(c, { code: 'internal-error', message: 'Something went wrong.' }, 500);
  });
}
