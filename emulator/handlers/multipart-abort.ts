import { noSuchUpload } from '../cos-error';
import { send, type RequestContext } from '../request-context';
import { uploadIdOf } from './multipart-part';

/** AbortMultipartUpload: 204, then the upload and its parts are gone (NoSuchUpload after). */
export async function abortMultipartUpload(ctx: RequestContext): Promise<void> {
  const uploads = ctx.bucket!.uploads;
  const uploadId = uploadIdOf(ctx);
  await uploads.lock.run(uploadId, async () => {
    if (!uploads.find(uploadId, ctx.key)) throw noSuchUpload();
    await uploads.removeLocked(uploadId);
  });
  send(ctx, 204, {});
}
