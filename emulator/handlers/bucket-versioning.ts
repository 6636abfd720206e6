import { parseVersioningXml, versioningXml } from '../bucket-versioning';
import { readCheckedSmallBody } from '../receive-body';
import { send, sendXml, type RequestContext } from '../request-context';

const MAX_VERSIONING_BODY = 16 * 1024;

/** PUT Bucket versioning: Enabled or Suspended (never back to "not enabled", as on COS). */
export async function putBucketVersioning(ctx: RequestContext): Promise<void> {
  const body = await readCheckedSmallBody(ctx.req, MAX_VERSIONING_BODY);
  await ctx.bucket!.versioning.set(parseVersioningXml(body.toString('utf8')));
  send(ctx, 200, {});
}

/** GET Bucket versioning: `<VersioningConfiguration/>` when never enabled. */
export function getBucketVersioning(ctx: RequestContext): void {
  sendXml(ctx, 200, versioningXml(ctx.bucket!.versioning.status));
}
