/**
 * The stable error code carried by whatever a request threw: the API layer's errors carry
 * `code`; an axios error that never reached our error handler carries the signer's
 * `{error: {code}}` body in `response.data`. Anything else has no code (→ "unknown" words).
 */
export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const body = (error as { response?: { data?: { error?: { code?: unknown } } } }).response?.data;
  if (typeof body?.error?.code === 'string') return body.error.code;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
