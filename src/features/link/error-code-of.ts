import { isSignerError } from '../../lib/api-client';

/**
 * The stable error code of whatever loading the link threw. The API client turns every
 * failure into a SignerError with a code; anything else has none (→ the "unknown" words).
 */
export function errorCodeOf(error: unknown): string | undefined {
  return isSignerError(error) ? error.code : undefined;
}
