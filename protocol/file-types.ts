/**
 * Which Content-Type an upload is stored with, and whether a link's `allowedTypes` admit it.
 * One rule for the portal's checks before sending and for the signer, which is the authority
 * (docs/security.md, "File types"). No DOM or Node APIs here.
 *
 * - The type stored is decided by the file name's extension, not by what the browser claims:
 *   a known extension gets its own type (the browser's claim is kept only when it is one of
 *   that extension's usual spellings); an unknown extension keeps the claimed type only when
 *   no known extension owns it and it is not active; anything else is stored as
 *   `application/octet-stream`. So `cv.pdf` claimed as `text/html` is stored as
 *   `application/pdf`, and `page.html` claimed as `image/png` is `text/html`.
 * - A link admits a file when one of its patterns admits the stored type: `.ext` by the name's
 *   ending, `type/subtype` exactly, `type/*` by family except active types.
 * - Active types (a browser runs scripts in them when it opens them: HTML, SVG and other XML,
 *   JavaScript, WebAssembly, Flash, MHTML…) pass only a pattern that names them exactly
 *   (`image/svg+xml`, `.svg`). A link with no patterns stores them as
 *   `application/octet-stream`.
 */

export const OCTET_STREAM = 'application/octet-stream';

/** Extension → its type first, then other spellings browsers and systems report for it. */
const BY_EXTENSION: Readonly<Record<string, readonly string[]>> = {
  // Documents and data
  pdf: ['application/pdf', 'application/x-pdf'],
  txt: ['text/plain'],
  text: ['text/plain'],
  log: ['text/plain'],
  csv: ['text/csv', 'application/vnd.ms-excel', 'text/x-csv', 'application/csv'],
  tsv: ['text/tab-separated-values'],
  md: ['text/markdown', 'text/x-markdown'],
  markdown: ['text/markdown', 'text/x-markdown'],
  rtf: ['application/rtf', 'text/rtf'],
  json: ['application/json'],
  css: ['text/css'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xls: ['application/vnd.ms-excel'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ppt: ['application/vnd.ms-powerpoint'],
  pptx: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  odt: ['application/vnd.oasis.opendocument.text'],
  ods: ['application/vnd.oasis.opendocument.spreadsheet'],
  odp: ['application/vnd.oasis.opendocument.presentation'],
  epub: ['application/epub+zip'],
  ics: ['text/calendar'],
  vcf: ['text/vcard', 'text/x-vcard'],
  // Images
  jpg: ['image/jpeg', 'image/pjpeg'],
  jpeg: ['image/jpeg', 'image/pjpeg'],
  jpe: ['image/jpeg'],
  jfif: ['image/jpeg', 'image/pjpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  avif: ['image/avif'],
  heic: ['image/heic', 'image/heic-sequence'],
  heif: ['image/heif', 'image/heif-sequence'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  bmp: ['image/bmp', 'image/x-ms-bmp'],
  ico: ['image/vnd.microsoft.icon', 'image/x-icon'],
  psd: ['image/vnd.adobe.photoshop'],
  // Audio and video
  mp3: ['audio/mpeg', 'audio/mp3'],
  m4a: ['audio/mp4', 'audio/x-m4a'],
  aac: ['audio/aac'],
  wav: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  ogg: ['audio/ogg'],
  oga: ['audio/ogg'],
  opus: ['audio/ogg', 'audio/opus'],
  flac: ['audio/flac', 'audio/x-flac'],
  mp4: ['video/mp4'],
  m4v: ['video/mp4', 'video/x-m4v'],
  mov: ['video/quicktime'],
  webm: ['video/webm', 'audio/webm'],
  mkv: ['video/x-matroska'],
  avi: ['video/x-msvideo', 'video/avi'],
  ogv: ['video/ogg'],
  mpg: ['video/mpeg'],
  mpeg: ['video/mpeg'],
  '3gp': ['video/3gpp', 'audio/3gpp'],
  // Archives
  zip: ['application/zip', 'application/x-zip-compressed', 'application/x-zip'],
  gz: ['application/gzip', 'application/x-gzip'],
  tgz: ['application/gzip', 'application/x-gzip', 'application/x-compressed-tar'],
  tar: ['application/x-tar'],
  bz2: ['application/x-bzip2'],
  xz: ['application/x-xz'],
  '7z': ['application/x-7z-compressed'],
  rar: ['application/vnd.rar', 'application/x-rar-compressed', 'application/x-rar'],
  // Active: a browser that opens these runs what they contain
  html: ['text/html'],
  htm: ['text/html'],
  shtml: ['text/html'],
  xhtml: ['application/xhtml+xml'],
  xht: ['application/xhtml+xml'],
  xml: ['application/xml', 'text/xml'],
  xsl: ['application/xslt+xml', 'text/xsl'],
  xslt: ['application/xslt+xml', 'text/xsl'],
  svg: ['image/svg+xml'],
  svgz: ['image/svg+xml'],
  rss: ['application/rss+xml'],
  atom: ['application/atom+xml'],
  rdf: ['application/rdf+xml'],
  mml: ['application/mathml+xml'],
  js: ['text/javascript', 'application/javascript', 'application/x-javascript'],
  mjs: ['text/javascript', 'application/javascript'],
  cjs: ['text/javascript', 'application/javascript'],
  wasm: ['application/wasm'],
  swf: ['application/x-shockwave-flash'],
  htc: ['text/x-component'],
  hta: ['application/hta'],
  mht: ['multipart/related', 'application/x-mimearchive', 'message/rfc822'],
  mhtml: ['multipart/related', 'application/x-mimearchive', 'message/rfc822'],
  eml: ['message/rfc822'],
};

const ACTIVE_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'application/xhtml+xml',
  'application/xml',
  'text/xml',
  'text/xsl',
  'text/xml-external-parsed-entity',
  'application/xml-external-parsed-entity',
  'text/javascript',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'text/ecmascript',
  'text/jscript',
  'text/livescript',
  'text/x-javascript',
  'text/x-ecmascript',
  'application/wasm',
  'application/x-shockwave-flash',
  'application/futuresplash',
  'text/x-component',
  'application/hta',
  'multipart/related',
  'application/x-mimearchive',
  'message/rfc822',
  'multipart/x-mixed-replace',
]);

/** Types no known extension owns: a file with an unknown extension may keep one of these. */
const OWNED_TYPES: ReadonlySet<string> = new Set(Object.values(BY_EXTENSION).flat());

/** `type/subtype` without parameters, lower-case; '' when it is not one. */
export function mimeEssence(type: string): string {
  const essence = type.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(essence)
    ? essence
    : '';
}

/**
 * Whether a browser runs scripts in this type when it opens it: HTML, any XML (`+xml`, which
 * browsers render as XML documents that may carry XHTML script), JavaScript, WebAssembly,
 * Flash, MHTML and a few older relatives.
 */
export function isActiveType(type: string): boolean {
  const essence = mimeEssence(type);
  return ACTIVE_TYPES.has(essence) || essence.endsWith('+xml');
}

/** Invisible and control characters the signer removes from names (server/uploads/object-key.ts). */
// eslint-disable-next-line no-control-regex
const DROPPED = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0000-\u001F\u007F-\u009F]/g;

/** A name as its extension is read: NFC, invisible characters gone, no trailing dots or spaces. */
function cleanName(name: string): string {
  return name
    .normalize('NFC')
    .replace(DROPPED, '')
    .replace(/[\s.]+$/u, '')
    .toLowerCase();
}

/**
 * The extension a stored object's name ends with, lower-case, without the dot ('' for none).
 * Read as the signer's key sanitising leaves the name, so `page.html.` and `page.ht\u200Eml`
 * both end in `html`.
 */
export function fileExtension(name: string): string {
  return extensionOfClean(cleanName(name));
}

function extensionOfClean(clean: string): string {
  const base = clean.slice(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
  const m = /\.([^.\s]{1,32})$/u.exec(base);
  return m && m.index > 0 ? m[1]! : '';
}

/** One pattern of a link's list against a file whose stored type is `type`. */
export function patternAdmits(pattern: string, name: string, type: string): boolean {
  return admitsClean(pattern, cleanName(name), type);
}

/** patternAdmits for a name already cleaned (cleanName), so a list costs one cleaning. */
function admitsClean(pattern: string, clean: string, type: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p.startsWith('.')) return clean.length > p.length && clean.endsWith(p);
  if (p === '*' || p === '*/*') return !isActiveType(type);
  if (p.endsWith('/*')) return type.startsWith(p.slice(0, -1)) && !isActiveType(type);
  return type === p;
}

export type TypeDecision =
  | { ok: true; type: string }
  | {
      ok: false;
      /** The type the file would have been stored with. */
      type: string;
      /** `active`: a family pattern would have admitted it, but active types must be named. */
      reason: 'active' | 'not-allowed';
    };

/**
 * The Content-Type a file named `name`, claimed by the browser as `declared`, is stored with
 * under a link whose patterns are `allowedTypes`, or why the link does not take it.
 */
export function decideFileType(
  allowedTypes: readonly string[],
  name: string,
  declared: string,
): TypeDecision {
  const claimed = mimeEssence(declared);
  const clean = cleanName(name);
  const own = BY_EXTENSION[extensionOfClean(clean)];
  if (allowedTypes.length === 0) {
    const type = own ? (own.includes(claimed) ? claimed : own[0]!) : unknownExtensionType(claimed);
    return { ok: true, type: isActiveType(type) ? OCTET_STREAM : type };
  }
  const admits = (type: string) => allowedTypes.some((p) => admitsClean(p, clean, type));
  let type: string;
  if (own) {
    // Among the extension's own spellings: the claimed one first, then the first the link takes.
    const spellings = own.includes(claimed) ? [claimed, ...own.filter((t) => t !== claimed)] : own;
    type = spellings.find(admits) ?? spellings[0]!;
  } else {
    type = unknownExtensionType(claimed);
  }
  if (admits(type)) return { ok: true, type };
  const familyWouldAdmit = allowedTypes.some((p) => {
    const q = p.trim().toLowerCase();
    return (q === '*/*' || q.endsWith('/*')) && (q === '*/*' || type.startsWith(q.slice(0, -1)));
  });
  return {
    ok: false,
    type,
    reason: isActiveType(type) && familyWouldAdmit ? 'active' : 'not-allowed',
  };
}

/**
 * Whether `type` may be stored for `name` under this link at all: allowed by the list (or not
 * active, for a link without one) and agreeing with the extension (one of its spellings, or
 * `application/octet-stream`). Looser than decideFileType, which picks one type: this judges a
 * type chosen earlier, e.g. the one in an upload ticket issued before this rule.
 */
export function isStoredTypeAcceptable(
  allowedTypes: readonly string[],
  name: string,
  type: string,
): boolean {
  const clean = cleanName(name);
  const own = BY_EXTENSION[extensionOfClean(clean)];
  if (own ? !own.includes(type) && type !== OCTET_STREAM : isActiveType(type)) return false;
  if (allowedTypes.length === 0) return !isActiveType(type);
  return allowedTypes.some((p) => admitsClean(p, clean, type));
}

/** An unknown extension keeps a claimed type only if no known extension owns it and it is passive. */
function unknownExtensionType(claimed: string): string {
  return claimed && !OWNED_TYPES.has(claimed) && !isActiveType(claimed) ? claimed : OCTET_STREAM;
}
