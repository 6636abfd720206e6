import { aclFromHeaders } from '../object-acl';
import { forbidOverwrite, storableHeaders, storageClassOf } from '../object-headers';
import { readSmallBody } from '../receive-body';
import { sendXml, type RequestContext } from '../request-context';
import { xmlDocument } from '../xml';
import { dropIfPlanned } from './shared';

/** InitiateMultipartUpload: the object's metadata and ACL are fixed here, applied at Complete. */
export async function initiateMultipartUpload(ctx: RequestContext): Promise<void> {
  const headers = storableHeaders(ctx.req.headers);
  const storageClass = storageClassOf(ctx.req.headers);
  const acl = aclFromHeaders(ctx.req.headers);
  // The request has no meaningful body; read whatever came so the connection stays usable.
  await readSmallBody(ctx.req, 64 * 1024);
  const meta = await ctx.bucket!.uploads.initiate({
    key: ctx.key,
    initiated: ctx.env.now(),
    headers,
    storageClass,
    forbidOverwrite: forbidOverwrite(ctx.req.headers),
    acl,
  });
  dropIfPlanned(ctx);
  sendXml(
    ctx,
    200,
    xmlDocument('InitiateMultipartUploadResult', [
      ['Bucket', ctx.bucket!.name],
      ['Key', ctx.key],
      ['UploadId', meta.uploadId],
    ]),
  );
}
