import { queryValue } from '../cos-encoding';
import { invalidArgument, noSuchUpload } from '../cos-error';
import { MAX_SINGLE_UPLOAD, declaredLength, quoteEtag } from '../object-headers';
import { send, type RequestContext } from '../request-context';
import { dropIfPlanned, receiveUpload } from './shared';

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
  const body = await receiveUpload(ctx, length);
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
