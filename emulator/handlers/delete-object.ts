import { send, type RequestContext } from '../request-context';

/** DELETE Object: 204 whether or not the key existed, as COS answers. */
export async function deleteObject(ctx: RequestContext): Promise<void> {
  await ctx.bucket!.objects.delete(ctx.key);
  send(ctx, 204, {});
}
