import type { CosClient } from './cos-client';
import { asArray, call, type Sdk } from './sdk-calls';

/** Bucket settings the portal depends on: its CORS rule and versioning (which it refuses). */
export function bucketCalls({
  sdk,
  where,
}: Sdk): Pick<CosClient, 'putBucketCors' | 'getBucketCors' | 'getBucketVersioning'> {
  return {
    async putBucketCors(rules) {
      await call(() =>
        sdk.putBucketCors({
          ...where,
          CORSRules: rules.map((r) => ({
            ...(r.id !== undefined ? { ID: r.id } : {}),
            AllowedOrigin: r.allowedOrigins,
            AllowedMethod: r.allowedMethods,
            AllowedHeader: r.allowedHeaders,
            ExposeHeader: r.exposeHeaders,
            ...(r.maxAgeSeconds !== undefined ? { MaxAgeSeconds: r.maxAgeSeconds } : {}),
          })),
        }),
      );
    },

    async getBucketVersioning() {
      const res = await call(() => sdk.getBucketVersioning({ ...where }));
      const status = res.VersioningConfiguration?.Status;
      return status === 'Enabled' || status === 'Suspended' ? status : null;
    },

    async getBucketCors() {
      const res = await call(() => sdk.getBucketCors({ ...where }));
      return asArray(res.CORSRules as unknown as Array<Record<string, unknown>>).map((r) => {
        const list = (plural: string, singular: string) =>
          asArray((r[plural] ?? r[singular]) as string | string[] | undefined).map(String);
        const maxAge = r.MaxAgeSeconds;
        const id = typeof r.ID === 'string' && r.ID !== '' ? r.ID : undefined;
        return {
          ...(id !== undefined ? { id } : {}),
          allowedOrigins: list('AllowedOrigins', 'AllowedOrigin'),
          allowedMethods: list('AllowedMethods', 'AllowedMethod'),
          allowedHeaders: list('AllowedHeaders', 'AllowedHeader'),
          exposeHeaders: list('ExposeHeaders', 'ExposeHeader'),
          ...(maxAge !== undefined && maxAge !== null && maxAge !== ''
            ? { maxAgeSeconds: Number(maxAge) }
            : {}),
        };
      });
    },
  };
}
