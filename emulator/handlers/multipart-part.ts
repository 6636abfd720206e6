import { queryValue } from '../cos-encoding';
import { invalidArgument, noSuchUpload } from '../cos-error';
import { MAX_SINGLE_UPLOAD, declaredLength, parseContentMd5, quoteEtag } from '../object-headers';
import { receiveBody } from '../receive-body';
import { send, type RequestContext } from '../request-context';
import { removeQuietly } from '../atomic-files';
import { assertStillValid, bodyOptions, dropIfPlanned } from './shared';

/** The `uploadId` query value, required by every call on an upload. */
export function uploadIdOf(ctx: RequestContext): string {
  const id = queryValue(ctx.query, 'uploadId');
  if (!id) throw invalidArgument('uploadId is required.');
  return id;
}

function partNumberOf(ctx: RequestContext): number {
  const raw = queryValue(ctx.query, 'partNumber') ?? '';
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 10000)) {
    throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive.');
  }
  return n;
}

/** UploadPart: same checks as PUT Object; re-uploading a part number replaces it. */
export async function uploadPart(ctx: RequestContext): Promise<void> {
  const uploads = ctx.bucket!.uploads;
  const partNumber = partNumberOf(ctx);
  const uploadId = uploadIdOf(ctx);
  if (!uploads.find(uploadId, ctx.key)) throw noSuchUpload();
  const length = declaredLength(ctx.req.headers, MAX_SINGLE_UPLOAD);
  const expectedMd5 = parseContentMd5(ctx.req.headers);
  const body = await receiveBody({
    ...bodyOptions(ctx),
    declaredLength: length,
    maxBytes: MAX_SINGLE_UPLOAD,
    ...(expectedMd5 ? { expectedMd5 } : {}),
  });
  try {
    assertStillValid(ctx);
  } catch (err) {
    await removeQuietly(body.path);
    throw err;
  }
  const part = await uploads.commitPart(
    uploadId,
    ctx.key,
    {
      partNumber,
      size: body.size,
      etag: body.md5.toString('hex'),
      crc64: body.crc64,
      lastModified: ctx.env.now(),
    },
    body.path,
  );
  dropIfPlanned(ctx);
  send(ctx, 200, { ETag: quoteEtag(part.etag), 'x-cos-hash-crc64ecma': part.crc64 });
}
