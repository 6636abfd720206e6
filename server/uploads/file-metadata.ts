import { metadataBytes, type FileMetadata } from '../../protocol/schemas';
import { MAX_META_FILE_NAME_LENGTH, META_FILE_NAME_HEADER } from './meta-file-name';

/**
 * A file's own `x-cos-meta-*` pairs (set by an embedding host, already validated by
 * `FileMetadata`), as headers to sign into its upload. Signed, so the browser cannot change
 * or add to them; the ticket carries them so a re-sign signs the very same headers.
 */

/** COS's cap on all user metadata of an object: header names without `x-cos-meta-`, plus values. */
export const COS_METADATA_BYTES = 2048;

const FILE_NAME_SUFFIX = META_FILE_NAME_HEADER.slice('x-cos-meta-'.length);

export function metadataHeaders(metadata: FileMetadata | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) headers[`x-cos-meta-${key}`] = value;
  return headers;
}

/**
 * How long the encoded file name may be next to the host's pairs. The pairs are capped at half
 * of COS's 2 KB, so the name always keeps about 1 KB.
 */
export function fileNameRoom(metadata: FileMetadata | undefined): number {
  const left = COS_METADATA_BYTES - FILE_NAME_SUFFIX.length - metadataBytes(metadata ?? {});
  return Math.min(MAX_META_FILE_NAME_LENGTH, left);
}
