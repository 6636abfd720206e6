import { createHash } from 'node:crypto';
import { crc64Combine } from '../../protocol/crc64';
import { encodeKeyPath } from '../cos-encoding';
import { CosError, invalidArgument, malformedXml, noSuchUpload } from '../cos-error';
import { forbidOverwrite, normalizeEtag, quoteEtag } from '../object-headers';
import type { PartMeta } from '../multipart-store';
import { readCheckedSmallBody } from '../receive-body';
import { sendXml, type RequestContext } from '../request-context';
import { parseXmlBody, xmlDocument } from '../xml';
import { uploadIdOf } from './multipart-part';
import { dropIfPlanned, writeVersioning } from './shared';

/** Smallest non-last part COS accepts at Complete. */
export const MIN_PART_SIZE = 1024 * 1024;
const MAX_COMPLETE_BODY = 4 * 1024 * 1024;
const XMLNS = 'http://www.qcloud.com/document/product/436/7751';

interface RequestedPart {
  partNumber: number;
  etag: string;
}

function parseCompleteBody(body: string): RequestedPart[] {
  const doc = parseXmlBody(body);
  const root = doc.CompleteMultipartUpload;
  if (typeof root !== 'object' || root === null) throw malformedXml('no CompleteMultipartUpload');
  const parts = (root as Record<string, unknown>).Part;
  if (!Array.isArray(parts) || parts.length === 0) throw malformedXml('no Part');
  return parts.map((p: unknown) => {
    const o = (typeof p === 'object' && p !== null ? p : {}) as Record<string, unknown>;
    if (typeof o.PartNumber !== 'string' || typeof o.ETag !== 'string') {
      throw malformedXml('each Part needs PartNumber and ETag');
    }
    if (
      !/^\d{1,5}$/.test(o.PartNumber) ||
      Number(o.PartNumber) < 1 ||
      Number(o.PartNumber) > 10000
    ) {
      throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive.');
    }
    return { partNumber: Number(o.PartNumber), etag: normalizeEtag(o.ETag) };
  });
}

const invalidPart = (detail: string): CosError =>
  new CosError(
    400,
    'InvalidPart',
    `One or more of the specified parts could not be found or the specified entity tag did not match (${detail}).`,
  );

/** Checks the list against the stored parts, in COS's order of complaints. */
function validateParts(requested: RequestedPart[], stored: Map<number, PartMeta>): PartMeta[] {
  for (let i = 1; i < requested.length; i++) {
    if (requested[i]!.partNumber <= requested[i - 1]!.partNumber) {
      throw new CosError(
        400,
        'InvalidPartOrder',
        'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
      );
    }
  }
  const parts = requested.map((r) => {
    const part = stored.get(r.partNumber);
    if (!part) throw invalidPart(`part ${r.partNumber} was not uploaded`);
    if (part.etag !== r.etag) throw invalidPart(`ETag of part ${r.partNumber} does not match`);
    return part;
  });
  parts.forEach((part, i) => {
    // COS documents non-continuous part numbers as InvalidPart ("编号不连续").
    if (part.partNumber !== i + 1) throw invalidPart('part numbers must be continuous from 1');
  });
  parts.slice(0, -1).forEach((part) => {
    if (part.size < MIN_PART_SIZE) {
      throw new CosError(
        400,
        'EntityTooSmall',
        `Your proposed upload is smaller than the minimum allowed object size (part ${part.partNumber} is ${part.size} bytes; every part but the last needs ${MIN_PART_SIZE}).`,
      );
    }
  });
  return parts;
}

/**
 * CompleteMultipartUpload. Atomic: the object appears only when its sidecar is written. It is
 * a multipart object (see ObjectStore.commitParts): the part files are linked into place, not
 * copied, so completing 2 GiB costs no second write of every byte. Each part's size is checked
 * on disk again; its MD5 and CRC-64 were computed over the bytes as they were received. The
 * object's CRC-64 is combined from the parts' CRCs, as COS derives it: the same value as
 * hashing the whole object again, without a pass over every byte.
 */
export async function completeMultipartUpload(ctx: RequestContext): Promise<void> {
  const bucket = ctx.bucket!;
  const uploadId = uploadIdOf(ctx);
  if (!bucket.uploads.find(uploadId, ctx.key)) throw noSuchUpload();
  const raw = await readCheckedSmallBody(ctx.req, MAX_COMPLETE_BODY);
  const requested = parseCompleteBody(raw.toString('utf8'));

  const result = await bucket.uploads.lock.run(uploadId, async () => {
    const upload = bucket.uploads.find(uploadId, ctx.key);
    if (!upload) throw noSuchUpload();
    const parts = validateParts(requested, upload.parts);
    let crc64: string | null = null;
    const etagHash = createHash('md5');
    let size = 0;
    for (const part of parts) {
      etagHash.update(Buffer.from(part.etag, 'hex'));
      size += part.size;
      crc64 = crc64 === null ? part.crc64 : crc64Combine(crc64, part.crc64, part.size);
    }
    // Given at Initiate or on Complete itself: COS documents the header on both.
    const versioning = writeVersioning(
      ctx,
      upload.meta.forbidOverwrite || forbidOverwrite(ctx.req.headers),
    );
    const stored = await bucket.objects.commitParts(
      ctx.key,
      parts.map((part) => ({ path: bucket.uploads.partPath(uploadId, part), size: part.size })),
      {
        size,
        etag: `${etagHash.digest('hex')}-${parts.length}`,
        crc64: crc64 ?? '0',
        lastModified: ctx.env.now(),
        headers: upload.meta.headers,
        storageClass: upload.meta.storageClass,
        ...(upload.meta.acl ? { acl: upload.meta.acl } : {}),
        ...(versioning.versionId ? { versionId: versioning.versionId } : {}),
      },
      { forbidOverwrite: versioning.forbidOverwrite },
    );
    await bucket.uploads.removeLocked(uploadId);
    return { stored, status: versioning.status };
  });
  const obj = result.stored;
  dropIfPlanned(ctx);
  ctx.res.setHeader('x-cos-hash-crc64ecma', obj.crc64);
  // Complete Multipart Upload: the version ID while Enabled, `null` while Suspended (its doc).
  if (obj.versionId) ctx.res.setHeader('x-cos-version-id', obj.versionId);
  else if (result.status === 'Suspended') ctx.res.setHeader('x-cos-version-id', 'null');
  sendXml(
    ctx,
    200,
    xmlDocument(
      'CompleteMultipartUploadResult',
      [
        [
          'Location',
          `http://${bucket.name}.cos.${ctx.env.region}.myqcloud.com${encodeKeyPath(ctx.key)}`,
        ],
        ['Bucket', bucket.name],
        ['Key', ctx.key],
        ['ETag', quoteEtag(obj.etag)],
      ],
      ` xmlns="${XMLNS}"`,
    ),
  );
}
