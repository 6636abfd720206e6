import { camSafeUrlEncode, queryValue } from '../cos-encoding';
import { invalidArgument, noSuchUpload } from '../cos-error';
import { isoDate, quoteEtag } from '../object-headers';
import { sendXml, type RequestContext } from '../request-context';
import { compareKeys } from '../storage';
import { xmlDocument, type XmlChild } from '../xml';
import { ownerOf, parseMax } from './list-objects';
import { uploadIdOf } from './multipart-part';

function initiatorOf(bucket: string): XmlChild[] {
  const appId = bucket.slice(bucket.lastIndexOf('-') + 1);
  return [
    ['ID', `qcs::cam::uin/${appId}:uin/${appId}`],
    ['DisplayName', appId],
  ];
}

/** ListParts, with `max-parts` and `part-number-marker` paging. */
export function listParts(ctx: RequestContext): void {
  const bucket = ctx.bucket!;
  const uploadId = uploadIdOf(ctx);
  const upload = bucket.uploads.find(uploadId, ctx.key);
  if (!upload) throw noSuchUpload();
  const maxParts = parseMax(queryValue(ctx.query, 'max-parts'), 'max-parts');
  const markerRaw = queryValue(ctx.query, 'part-number-marker') ?? '';
  if (markerRaw !== '' && !/^\d+$/.test(markerRaw)) {
    throw invalidArgument('part-number-marker must be an integer.');
  }
  const marker = markerRaw === '' ? 0 : Number(markerRaw);
  const all = [...upload.parts.values()]
    .filter((p) => p.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  const children: XmlChild[] = [
    ['Bucket', bucket.name],
    ['Encoding-type', null],
    ['Key', ctx.key],
    ['UploadId', uploadId],
    ['Initiator', initiatorOf(bucket.name)],
    ['Owner', ownerOf(bucket.name)],
    ['PartNumberMarker', marker],
  ];
  for (const p of page) {
    children.push([
      'Part',
      [
        ['PartNumber', p.partNumber],
        ['LastModified', isoDate(p.lastModified)],
        ['ETag', quoteEtag(p.etag)],
        ['Size', p.size],
      ],
    ]);
  }
  children.push(
    ['NextPartNumberMarker', page.length ? page[page.length - 1]!.partNumber : marker],
    ['StorageClass', upload.meta.storageClass],
    ['MaxParts', maxParts],
    ['IsTruncated', truncated],
  );
  sendXml(ctx, 200, xmlDocument('ListPartsResult', children));
}

/** ListMultipartUploads (`GET /?uploads`): prefix, delimiter, key/upload-id markers. */
export function listMultipartUploads(ctx: RequestContext): void {
  const bucket = ctx.bucket!;
  const q = (name: string): string | undefined => queryValue(ctx.query, name);
  const prefix = q('prefix') ?? '';
  const delimiter = q('delimiter') ?? '';
  const keyMarker = q('key-marker') ?? '';
  const uploadIdMarker = q('upload-id-marker') ?? '';
  const maxUploads = parseMax(q('max-uploads'), 'max-uploads');
  const encodingType = q('encoding-type');
  const enc = (s: string): string => (encodingType === 'url' ? camSafeUrlEncode(s) : s);

  const uploads: XmlChild[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let nextKey = '';
  let nextUploadId = '';
  let count = 0;
  // Uploads of the marker key up to and including upload-id-marker (in listing order) were
  // on earlier pages; without upload-id-marker, the whole marker key was.
  let passedUploadIdMarker = !uploadIdMarker;
  for (const u of bucket.uploads.list()) {
    if (!u.key.startsWith(prefix)) continue;
    if (keyMarker) {
      const c = compareKeys(u.key, keyMarker);
      if (c < 0) continue;
      if (c === 0) {
        if (!passedUploadIdMarker) {
          if (u.uploadId === uploadIdMarker) passedUploadIdMarker = true;
          continue;
        }
        if (!uploadIdMarker) continue;
      }
    }
    let commonPrefix: string | undefined;
    if (delimiter) {
      const at = u.key.indexOf(delimiter, prefix.length);
      if (at >= 0) commonPrefix = u.key.slice(0, at + delimiter.length);
    }
    if (commonPrefix !== undefined && prefixes.includes(commonPrefix)) continue;
    if (count >= maxUploads) {
      truncated = true;
      break;
    }
    count++;
    if (commonPrefix !== undefined) {
      prefixes.push(commonPrefix);
      nextKey = commonPrefix;
      nextUploadId = '';
      continue;
    }
    nextKey = u.key;
    nextUploadId = u.uploadId;
    uploads.push([
      'Upload',
      [
        ['Key', enc(u.key)],
        ['UploadId', u.uploadId],
        ['StorageClass', u.storageClass],
        ['Initiator', initiatorOf(bucket.name)],
        ['Owner', ownerOf(bucket.name)],
        ['Initiated', isoDate(u.initiated)],
      ],
    ]);
  }
  const children: XmlChild[] = [
    ['Bucket', bucket.name],
    ['Encoding-Type', encodingType ?? null],
    ['KeyMarker', enc(keyMarker)],
    ['UploadIdMarker', uploadIdMarker],
    ['NextKeyMarker', truncated ? enc(nextKey) : null],
    ['NextUploadIdMarker', truncated ? nextUploadId : null],
    ['MaxUploads', maxUploads],
    ['IsTruncated', truncated],
    ['Prefix', enc(prefix)],
    ['Delimiter', delimiter ? enc(delimiter) : null],
    ...uploads,
    ...prefixes.map((p): XmlChild => ['CommonPrefixes', [['Prefix', enc(p)]]]),
  ];
  sendXml(ctx, 200, xmlDocument('ListMultipartUploadsResult', children));
}
