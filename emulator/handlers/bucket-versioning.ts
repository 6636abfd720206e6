import { createHash } from 'node:crypto';
import { parseVersioningXml, versioningXml } from '../bucket-versioning';
import { CosError } from '../cos-error';
import { parseContentMd5 } from '../object-headers';
import { readSmallBody } from '../receive-body';
import { send, sendXml, type RequestContext } from '../request-context';

const MAX_VERSIONING_BODY = 16 * 1024;

/** PUT Bucket versioning: Enabled or Suspended (never back to "not enabled", as on COS). */
export async function putBucketVersioning(ctx: RequestContext): Promise<void> {
  const expectedMd5 = parseContentMd5(ctx.req.headers);
  const body = await readSmallBody(ctx.req, MAX_VERSIONING_BODY);
  if (expectedMd5 && !createHash('md5').update(body).digest().equals(expectedMd5)) {
    throw new CosError(
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    );
  }
  await ctx.bucket!.versioning.set(parseVersioningXml(body.toString('utf8')));
  send(ctx, 200, {});
}

/** GET Bucket versioning: `<VersioningConfiguration/>` when never enabled. */
export function getBucketVersioning(ctx: RequestContext): void {
  sendXml(ctx, 200, versioningXml(ctx.bucket!.versioning.status));
}
