import { newVersionId } from '../bucket-versioning';
import { send, type RequestContext } from '../request-context';

/**
 * DELETE Object: 204 whether or not the key existed, as COS answers. With versioning Enabled
 * COS adds a delete marker and says so; the emulator keeps no noncurrent versions, so the
 * object is gone either way, but the answer carries the marker's headers like COS's.
 */
export async function deleteObject(ctx: RequestContext): Promise<void> {
  await ctx.bucket!.objects.delete(ctx.key);
  const enabled = ctx.bucket!.versioning.status === 'Enabled';
  send(
    ctx,
    204,
    enabled
      ? { 'x-cos-delete-marker': 'true', 'x-cos-version-id': newVersionId(ctx.env.now()) }
      : {},
  );
}
