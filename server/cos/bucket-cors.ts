import type { CorsRule, CosClient } from './cos-client';
import { isCosCode } from './cos-error';

/**
 * The bucket CORS rule the portal needs. CORS is no access control on COS (it does not enforce
 * rules on actual requests; the signature is the control), but without it browsers cannot
 * upload at all, and without the exposed headers the portal cannot read part ETags (multipart
 * breaks) or CRC64 values (verification falls back to the signer's HEAD).
 */
export const PORTAL_RULE_ID = 'cos-upload-portal';

export function portalCorsRules(origins: string[]): CorsRule[] {
  return [
    {
      id: PORTAL_RULE_ID,
      allowedOrigins: [...origins],
      allowedMethods: ['PUT', 'POST', 'GET', 'HEAD', 'DELETE'],
      allowedHeaders: ['*'],
      exposeHeaders: ['ETag', 'Content-Length', 'x-cos-hash-crc64ecma', 'x-cos-request-id'],
      maxAgeSeconds: 600,
    },
  ];
}

/**
 * Origins a local (emulator) setup serves the portal from: PUBLIC_URL's, and both loopback
 * spellings of the port, since people open either.
 */
export function localPortalOrigins(
  publicUrl: string,
  port: number,
  extra: string[] = [],
): string[] {
  return [
    ...new Set([
      new URL(publicUrl).origin,
      `http://127.0.0.1:${port}`,
      `http://localhost:${port}`,
      ...extra,
    ]),
  ];
}

/** The bucket's rules, or none when it has no CORS configuration. */
export async function readBucketCors(client: CosClient): Promise<CorsRule[]> {
  try {
    return await client.getBucketCors();
  } catch (err) {
    if (isCosCode(err, 'NoSuchCORSConfiguration')) return [];
    throw err;
  }
}

/**
 * Puts the portal's rule on the bucket and reads the rules back: returns what COS now holds.
 * The owner's other rules are kept; the portal's rule (found by its ID) is replaced and goes
 * first, because COS applies the first rule that matches a request.
 */
export async function applyBucketCors(client: CosClient, origins: string[]): Promise<CorsRule[]> {
  if (origins.length === 0) throw new Error('at least one portal origin is needed for bucket CORS');
  const others = (await readBucketCors(client)).filter((r) => r.id !== PORTAL_RULE_ID);
  await client.putBucketCors([...portalCorsRules(origins), ...others]);
  return client.getBucketCors();
}
