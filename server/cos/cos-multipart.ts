import type COS from 'cos-nodejs-sdk-v5';
import type { CosClient, MultipartUploadInfo, StoredPart } from './cos-client';
import { CosError } from './cos-error';
import { asArray, call, header, type Sdk, type SdkHeaders } from './sdk-calls';

/** Multipart uploads as the signer drives them: initiate, list parts, complete, abort, list. */
export function multipartCalls({
  sdk,
  where,
}: Sdk): Pick<
  CosClient,
  | 'initiateMultipart'
  | 'listParts'
  | 'completeMultipart'
  | 'abortMultipart'
  | 'listMultipartUploads'
> {
  return {
    async initiateMultipart(key, { contentType, headers = {} }) {
      const res = await call(() =>
        sdk.multipartInit({ ...where, Key: key, ContentType: contentType, Headers: headers }),
      );
      if (!res.UploadId) throw new CosError('NoUploadId', 'COS returned no UploadId', null, null);
      return String(res.UploadId);
    },

    async listParts(key, uploadId) {
      const parts: StoredPart[] = [];
      let marker: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await call(() =>
          sdk.multipartListPart({
            ...where,
            Key: key,
            UploadId: uploadId,
            MaxParts: 1000,
            ...(marker ? { PartNumberMarker: marker } : {}),
          }),
        );
        for (const p of asArray(res.Part)) {
          parts.push({
            partNumber: Number(p.PartNumber),
            etag: String(p.ETag),
            size: Number(p.Size),
          });
        }
        if (String(res.IsTruncated) !== 'true' || !res.NextPartNumberMarker) break;
        marker = String(res.NextPartNumberMarker);
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    },

    async completeMultipart(key, uploadId, parts) {
      const res = await call(() =>
        sdk.multipartComplete({
          ...where,
          Key: key,
          UploadId: uploadId,
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        }),
      );
      return {
        etag: String(res.ETag ?? ''),
        crc64: header(res.headers as SdkHeaders, 'x-cos-hash-crc64ecma'),
      };
    },

    async abortMultipart(key, uploadId) {
      await call(() => sdk.multipartAbort({ ...where, Key: key, UploadId: uploadId }));
    },

    async listMultipartUploads(prefix) {
      const uploads: MultipartUploadInfo[] = [];
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      for (let page = 0; page < 1000; page++) {
        const res = await call(() =>
          // The typings demand a Delimiter; an absent one (not '') means "no grouping".
          sdk.multipartList({
            ...where,
            Prefix: prefix,
            MaxUploads: 1000,
            ...(keyMarker ? { KeyMarker: keyMarker } : {}),
            ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}),
          } as COS.MultipartListParams),
        );
        for (const u of asArray(res.Upload)) {
          uploads.push({
            key: String(u.Key),
            uploadId: String(u.UploadId),
            initiated: u.Initiated ? String(u.Initiated) : null,
          });
        }
        if (String(res.IsTruncated) !== 'true') break;
        keyMarker = res.NextKeyMarker ? String(res.NextKeyMarker) : undefined;
        uploadIdMarker = res.NextUploadIdMarker ? String(res.NextUploadIdMarker) : undefined;
        if (!keyMarker && !uploadIdMarker) break;
      }
      return uploads;
    },
  };
}
