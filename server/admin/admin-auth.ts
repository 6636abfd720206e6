import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented admin token with the configured one in constant time. Both are hashed
 * first, so neither the length nor any prefix of the real token shows in the timing.
 */
export function adminTokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an `Authorization` header, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer +(\S+)$/i.exec(header ?? '');
  return m ? m[1] : undefined;
}
