import {
  FileMetadata,
  MAX_METADATA_BYTES,
  MAX_METADATA_PAIRS,
  METADATA_KEY_PATTERN,
  RESERVED_METADATA_KEYS,
} from '../../../protocol/schemas';

/**
 * `set-metadata` from the host, turned into the pairs the signer accepts (protocol
 * FileMetadata). Values may be any text: whatever is not visible ASCII (and `%` itself) is
 * percent-encoded, as the stored file name is, so `decodeURIComponent` gives the text back
 * and no value can break a header. Messages are for the host's developer, in English.
 */

export type MetadataResult = { ok: true; metadata: FileMetadata } | { ok: false; message: string };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const VISIBLE_ASCII_BUT_PERCENT = /^[\x21-\x24\x26-\x7e]$/;

export function encodeMetadataValue(value: string): string {
  let out = '';
  for (const ch of value.replace(LONE_SURROGATE, '\uFFFD')) {
    out += VISIBLE_ASCII_BUT_PERCENT.test(ch) ? ch : encodeURIComponent(ch);
  }
  return out;
}

export function metadataFromHost(input: unknown): MetadataResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, message: 'metadata must be an object of string values' };
  }
  const entries = Object.entries(input);
  if (entries.length > MAX_METADATA_PAIRS) {
    return { ok: false, message: `at most ${MAX_METADATA_PAIRS} metadata pairs` };
  }
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (!METADATA_KEY_PATTERN.test(key)) {
      return {
        ok: false,
        message: `metadata key "${key.slice(0, 64)}": use 1–64 lowercase letters, digits or "-"`,
      };
    }
    if (RESERVED_METADATA_KEYS.includes(key)) {
      return { ok: false, message: `metadata key "${key}" is reserved` };
    }
    if (typeof value !== 'string' || value === '') {
      return { ok: false, message: `metadata "${key}": the value must be a non-empty string` };
    }
    metadata[key] = encodeMetadataValue(value);
  }
  const parsed = FileMetadata.safeParse(metadata);
  if (!parsed.success) {
    return {
      ok: false,
      message: `metadata too large: keys and encoded values may take ${MAX_METADATA_BYTES} bytes in all`,
    };
  }
  return { ok: true, metadata: parsed.data };
}
