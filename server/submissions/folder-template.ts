import type { DetailName, FieldValue, Uploader } from '../../protocol/submissions';
import {
  DETAIL_NAMES,
  MAX_FOLDER_PLACEHOLDERS as MAX_PLACEHOLDERS,
  MAX_FOLDER_SEGMENTS as MAX_SEGMENTS,
  MAX_FOLDER_TEMPLATE_BYTES,
} from '../../protocol/submissions';
import { isSafePrefix } from '../links/link-types';
import { cleanSegment } from '../uploads/object-key';

/**
 * Folder templates: where a submission's files go inside the link's folder, e.g.
 * `{date}/{email}/`. The owner writes the template (checked when the link is made); the
 * uploader supplies the values, which are hostile: each value becomes text inside one path
 * segment (separators, control and bidi characters, `..`, `%XX` and Windows' reserved names
 * neutralised by the same sanitiser as file names) and is cut to a few dozen bytes, so no value
 * can add a folder, climb out of one, or make a key too long. The result is always a relative
 * folder below the link's own prefix.
 */

export const DEFAULT_FOLDER_TEMPLATE = '{submission}/';
/** UTF-8 bytes one placeholder's value may take in the folder. */
export const MAX_VALUE_BYTES = 40;
/** A folder never longer than this (template ≤ 160 bytes + 6 values of ≤ 40 bytes). */
export const MAX_FOLDER_BYTES = 400;
/** What an empty value (an optional field left blank) becomes. */
const EMPTY_VALUE = '_';

const SIMPLE = ['date', 'time', 'submission', ...DETAIL_NAMES] as const;
type Simple = (typeof SIMPLE)[number];
export type Placeholder = { kind: Simple } | { kind: 'field'; label: string };
type Token = { text: string } | { placeholder: Placeholder };

// eslint-disable-next-line no-control-regex
const BAD_LITERAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\<>:"|?*%]/;

const byteLength = (s: string) => new TextEncoder().encode(s).length;

function tokenize(template: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    const close = template.indexOf('}', i);
    if (close !== -1 && (open === -1 || close < open)) {
      throw new Error(`folder template: "}" without "{" at position ${close + 1}`);
    }
    if (open === -1) {
      tokens.push({ text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ text: template.slice(i, open) });
    const end = template.indexOf('}', open);
    if (end === -1) throw new Error(`folder template: "{" without "}" at position ${open + 1}`);
    const name = template.slice(open + 1, end);
    if (name.startsWith('field:') && name.length > 'field:'.length) {
      tokens.push({ placeholder: { kind: 'field', label: name.slice('field:'.length) } });
    } else if ((SIMPLE as readonly string[]).includes(name)) {
      tokens.push({ placeholder: { kind: name as Simple } });
    } else {
      throw new Error(
        `folder template: unknown placeholder {${name}} (use {date}, {time}, {name}, {email}, {organisation}, {phone}, {submission} or {field:Label})`,
      );
    }
    i = end + 1;
  }
  return tokens;
}

/**
 * Checks a template against what the link asks (each placeholder must have a value to take) and
 * returns it normalised (NFC, ending in `/`). Throws an Error saying what is wrong.
 */
export function checkFolderTemplate(
  raw: string,
  asks: { details: readonly DetailName[]; fieldLabels: readonly string[] },
): string {
  const template = raw.trim().normalize('NFC');
  const example = `e.g. "{date}/{email}/"`;
  if (template === '') throw new Error(`folder template is empty (${example})`);
  if (byteLength(template) > MAX_FOLDER_TEMPLATE_BYTES) {
    throw new Error(`folder template is longer than ${MAX_FOLDER_TEMPLATE_BYTES} bytes`);
  }
  if (template.startsWith('/')) {
    throw new Error(`folder template must be relative: no leading "/" (${example})`);
  }
  const tokens = tokenize(template);
  const placeholders = tokens.flatMap((t) => ('placeholder' in t ? [t.placeholder] : []));
  if (placeholders.length > MAX_PLACEHOLDERS) {
    throw new Error(`folder template has more than ${MAX_PLACEHOLDERS} placeholders`);
  }
  for (const t of tokens) {
    if ('text' in t && BAD_LITERAL.test(t.text)) {
      throw new Error(
        `folder template: "${t.text}" contains a character folders may not hold (control characters, \\ < > : " | ? * %)`,
      );
    }
  }
  for (const p of placeholders) {
    if (p.kind === 'field' && !asks.fieldLabels.includes(p.label)) {
      throw new Error(`folder template: {field:${p.label}} names no custom field of this link`);
    }
    if (
      (DETAIL_NAMES as readonly string[]).includes(p.kind) &&
      !asks.details.includes(p.kind as DetailName)
    ) {
      throw new Error(
        `folder template: {${p.kind}} needs the link to ask for it (add "${p.kind}" to --ask)`,
      );
    }
  }
  const normalised = template.endsWith('/') ? template : `${template}/`;
  const segments = normalised.slice(0, -1).split('/');
  if (segments.length > MAX_SEGMENTS) {
    throw new Error(`folder template has more than ${MAX_SEGMENTS} folders`);
  }
  for (const segment of segments) {
    if (segment === '') throw new Error(`folder template has an empty folder ("//") (${example})`);
    if (segment === '.' || segment === '..') {
      throw new Error(`folder template may not contain "." or ".." folders (${example})`);
    }
  }
  return normalised;
}

export function templateHasSubmission(template: string): boolean {
  return template.includes('{submission}');
}

export interface FolderValues {
  startedAt: number;
  submissionId: string;
  uploader: Uploader;
  fields: Readonly<Record<string, FieldValue>>;
}

function rawValue(p: Placeholder, v: FolderValues): string {
  const iso = new Date(v.startedAt).toISOString();
  switch (p.kind) {
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19).replace(/:/g, '-');
    case 'submission':
      return v.submissionId;
    case 'field': {
      const value = v.fields[p.label];
      if (value === undefined) return '';
      if (typeof value === 'boolean') return value ? 'yes' : 'no';
      return String(value);
    }
    default:
      return v.uploader[p.kind] ?? '';
  }
}

/** One placeholder's value as text that stays inside one folder name. */
export function folderValue(raw: string): string {
  return cleanSegment(raw, MAX_VALUE_BYTES) || EMPTY_VALUE;
}

/**
 * The folder (relative, ending in `/`) a submission's files go to. Whatever the values, the
 * result has no empty, `.` or `..` folders, no separators or control characters inside a
 * folder name, and at most MAX_FOLDER_BYTES bytes; if it still could not sit under `prefix`
 * (a very long UPLOAD_PREFIX), the submission id alone is used.
 */
export function resolveFolder(template: string, values: FolderValues, prefix = ''): string {
  const text = tokenize(template)
    .map((t) => ('text' in t ? t.text : folderValue(rawValue(t.placeholder, values))))
    .join('');
  const segments = text
    .split('/')
    .map((s) => cleanSegment(s, 200))
    .filter((s) => s !== '');
  const folder = segments.length ? `${segments.join('/')}/` : '';
  const fallback = `${values.submissionId}/`;
  if (folder === '' || byteLength(folder) > MAX_FOLDER_BYTES) return fallback;
  return isSafePrefix(prefix + folder) ? folder : fallback;
}
