import { isSafePrefix } from '../links/link-types';

/**
 * Object keys are decided by the server. A key looks like
 * `<link prefix><folder>/<folder>/<id>-<name>`: the random id (≥ 96 bits) alone makes it unique,
 * so two files with the same name never collide and a URL for one key can never overwrite
 * another file; the sanitised folders and name only keep the bucket readable for its owner.
 * Sanitising is about what the key may contain, not about uniqueness.
 */

export const MAX_SEGMENT_BYTES = 200;
export const MAX_KEY_BYTES = 850;
const FALLBACK_NAME = 'file';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidi overrides/isolates and marks, BOM: invisible, and used to disguise `exe` as `txt`. */
const INVISIBLE_FORMAT = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
/** C0, DEL, C1 and the Unicode line/paragraph separators: never valid inside a name. */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
/** Path separators and the characters Windows forbids in names. */
const FORBIDDEN = /[<>:"|?*/\\]/g;
/** `%2e%2e` must stay literal text, never something a later decoder turns into `..`. */
const PERCENT_ESCAPE = /%(?=[0-9A-Fa-f]{2})/g;
const RESERVED_WINDOWS = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;
const EDGE_DOTS_SPACES = /^[\s.]+|[\s.]+$/gu;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts at a code point boundary so the result stays valid UTF-8 of at most `maxBytes`. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Shortens a name to `maxBytes`, keeping a short extension so the file still opens right. */
function truncateName(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name;
  const m = /\.[^.\s]{1,16}$/u.exec(name);
  const ext = m && m.index > 0 ? m[0] : '';
  const stem = truncateUtf8(
    name.slice(0, name.length - ext.length),
    maxBytes - utf8Length(ext),
  ).replace(/[\s.]+$/u, '');
  return stem ? stem + ext : truncateUtf8(name, maxBytes).replace(EDGE_DOTS_SPACES, '');
}

/** One path segment made safe; '' when nothing usable is left. */
export function cleanSegment(raw: string, maxBytes: number): string {
  let s = raw.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
  s = s.replace(INVISIBLE_FORMAT, '');
  s = s.replace(CONTROL_RUN, '_');
  s = s.replace(FORBIDDEN, '_');
  s = s.replace(PERCENT_ESCAPE, '_');
  s = s.replace(EDGE_DOTS_SPACES, '');
  if (!s) return '';
  const stem = s.split('.')[0]!.replace(/\s+$/u, '');
  if (RESERVED_WINDOWS.test(stem)) s = `_${s}`;
  return truncateName(s, maxBytes);
}

/** A file name as one safe key segment (≤ 200 bytes UTF-8, NFC); `file` when nothing is left. */
export function sanitizeFileName(name: string): string {
  return cleanSegment(name, MAX_SEGMENT_BYTES) || FALLBACK_NAME;
}

/** Folder segments of a dropped directory path; empty, `.` and `..` segments disappear. */
export function sanitizeRelativePath(relativePath: string): string[] {
  return relativePath
    .split(/[/\\]/)
    .map((seg) => cleanSegment(seg, MAX_SEGMENT_BYTES))
    .filter((seg) => seg !== '');
}

export interface ObjectKeyInput {
  /** The link's prefix (server-controlled), `''` or ending in `/`. */
  prefix: string;
  relativePath?: string | undefined;
  name: string;
  /** Random unique id, base64url; ≥ 16 characters (96 bits). */
  id: string;
}

export function objectKeyFor({ prefix, relativePath, name, id }: ObjectKeyInput): string {
  if (!isSafePrefix(prefix)) throw new Error(`unsafe key prefix "${prefix}"`);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id))
    throw new Error('object id must be 16-64 base64url chars');
  const last = `${id}-${truncateName(sanitizeFileName(name), MAX_SEGMENT_BYTES - id.length - 1)}`;
  const folders = relativePath ? sanitizeRelativePath(relativePath) : [];
  // Deep folder trees give up their innermost folders first; the name and id always stay.
  const build = () => prefix + folders.map((f) => `${f}/`).join('') + last;
  let key = build();
  while (utf8Length(key) > MAX_KEY_BYTES && folders.length > 0) {
    folders.pop();
    key = build();
  }
  return key;
}
