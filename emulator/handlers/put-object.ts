import {
  MAX_SINGLE_UPLOAD,
  declaredLength,
  forbidOverwrite,
  quoteEtag,
  storableHeaders,
  storageClassOf,
} from '../object-headers';
import { aclFromHeaders } from '../object-acl';
import { send, type RequestContext } from '../request-context';
import { dropIfPlanned, receiveUpload, writeVersioning } from './shared';

/** PUT Object: stream to a temp file, verify (length, MD5), then commit atomically. */
export async function putObject(ctx: RequestContext): Promise<void> {
  const { req } = ctx;
  const bucket = ctx.bucket!;
  // Header checks come first: nothing is read or stored for a request that cannot succeed.
  const length = declaredLength(req.headers, MAX_SINGLE_UPLOAD);
  const headers = storableHeaders(req.headers);
  const storageClass = storageClassOf(req.headers);
  const acl = aclFromHeaders(req.headers);
  const body = await receiveUpload(ctx, length);
  const versioning = writeVersioning(ctx, forbidOverwrite(req.headers));
  const obj = await bucket.objects.commit(
    ctx.key,
    body.path,
    {
      size: body.size,
      etag: body.md5.toString('hex'),
      crc64: body.crc64,
      lastModified: ctx.env.now(),
      headers,
      storageClass,
      acl,
      ...(versioning.versionId ? { versionId: versioning.versionId } : {}),
    },
    { forbidOverwrite: versioning.forbidOverwrite },
  );
  dropIfPlanned(ctx);
  send(ctx, 200, {
    ETag: quoteEtag(obj.etag),
    'x-cos-hash-crc64ecma': obj.crc64,
    // PUT Object: a version ID while Enabled; none while Suspended (COS's PUT Object doc).
    ...(obj.versionId ? { 'x-cos-version-id': obj.versionId } : {}),
  });
}
