/**
 * Reading the signer's answers for the session: why an unlock failed, and which fields an
 * `uploader-details-required` refusal names. Both are read defensively: `details` is free-form.
 */
import type { DetailsProblem } from '../../../../protocol/uploader-details';
import { isSignerError, SignerError } from '../../../lib/api-client';
import type { UnlockOutcome } from './session-types';

/** A failed `/link/unlock`, in the words the password gate needs. */
export function unlockOutcomeOf(error: unknown): UnlockOutcome {
  if (isSignerError(error) && error.code === 'password-required') {
    const left = error.details?.attemptsLeft;
    return { ok: false, kind: 'wrong', attemptsLeft: typeof left === 'number' ? left : null };
  }
  if (isSignerError(error) && error.code === 'rate-limited') {
    const after = Number(error.details?.retryAfter);
    return {
      ok: false,
      kind: 'wait',
      retryAfterSeconds: Number.isFinite(after) && after > 0 ? Math.ceil(after) : 60,
    };
  }
  return { ok: false, kind: 'error', error };
}

/** `details` of an `uploader-details-required` answer, as far as it can be read. */
export function problemOf(details: Record<string, unknown> | undefined): DetailsProblem {
  const missing = Array.isArray(details?.missing)
    ? details.missing.filter((m): m is string => typeof m === 'string')
    : [];
  const invalid = Array.isArray(details?.invalid)
    ? details.invalid.filter(
        (i): i is DetailsProblem['invalid'][number] =>
          typeof i === 'object' &&
          i !== null &&
          typeof (i as { field?: unknown }).field === 'string' &&
          typeof (i as { reason?: unknown }).reason === 'string',
      )
    : [];
  return { missing, invalid };
}

/** `promise`, or a `cancelled` refusal as soon as `signal` aborts (the promise runs on). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new SignerError({ code: 'cancelled', status: 0, message: 'Request cancelled' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
