/**
 * The original file name travels to COS as `x-cos-meta-filename`, percent-encoded: XHR can only
 * send ByteString header values, and encoding also rules out header injection. COS caps all
 * user metadata at 2 KB, so the encoded value is capped well below that, at a character
 * boundary so it always decodes.
 */
export const META_FILE_NAME_HEADER = 'x-cos-meta-filename';
export const MAX_META_FILE_NAME_LENGTH = 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

export function encodeMetaFileName(name: string, maxLength = MAX_META_FILE_NAME_LENGTH): string {
  const clean = name.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').replace(CONTROLS, '');
  let out = '';
  for (const ch of clean) {
    const enc = encodeURIComponent(ch);
    if (out.length + enc.length > maxLength) break;
    out += enc;
  }
  return out || 'file';
}
