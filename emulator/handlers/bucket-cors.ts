import { CosError } from '../cos-error';
import { corsXml, parseCorsXml } from '../cors';
import { readCheckedSmallBody } from '../receive-body';
import { send, sendXml, type RequestContext } from '../request-context';

const MAX_CORS_BODY = 64 * 1024;

/** PUT Bucket cors: Content-MD5 (sent by the SDK) is verified before the rules replace the old. */
export async function putBucketCors(ctx: RequestContext): Promise<void> {
  const body = await readCheckedSmallBody(ctx.req, MAX_CORS_BODY);
  const rules = parseCorsXml(body.toString('utf8'));
  await ctx.bucket!.cors.set(rules);
  send(ctx, 200, {});
}

export function getBucketCors(ctx: RequestContext): void {
  const rules = ctx.bucket!.cors.rules;
  if (!rules) {
    throw new CosError(404, 'NoSuchCORSConfiguration', 'The CORS configuration does not exist.');
  }
  sendXml(ctx, 200, corsXml(rules));
}

export async function deleteBucketCors(ctx: RequestContext): Promise<void> {
  await ctx.bucket!.cors.clear();
  send(ctx, 204, {});
}
