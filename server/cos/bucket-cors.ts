import type { CorsRule, CosClient } from './cos-client';

/**
 * The bucket CORS rule the portal needs. CORS is no access control on COS (it does not enforce
 * rules on actual requests; the signature is the control), but without it browsers cannot
 * upload at all, and without the exposed headers the portal cannot read part ETags (multipart
 * breaks) or CRC64 values (verification falls back to the signer's HEAD).
 */
export function portalCorsRules(origins: string[]): CorsRule[] {
  return [
    {
      allowedOrigins: [...origins],
      allowedMethods: ['PUT', 'POST', 'GET', 'HEAD', 'DELETE'],
      allowedHeaders: ['*'],
      exposeHeaders: ['ETag', 'Content-Length', 'x-cos-hash-crc64ecma', 'x-cos-request-id'],
      maxAgeSeconds: 600,
    },
  ];
}

/** Puts the portal's rules on the bucket and reads them back: returns what COS now holds. */
export async function applyBucketCors(client: CosClient, origins: string[]): Promise<CorsRule[]> {
  if (origins.length === 0) throw new Error('at least one portal origin is needed for bucket CORS');
  await client.putBucketCors(portalCorsRules(origins));
  return client.getBucketCors();
}
