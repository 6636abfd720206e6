import type { CustomField, DetailName, FieldValue, Uploader } from './submissions';
import { MAX_DETAIL_LENGTH, MAX_EMAIL_LENGTH, MAX_TEXT_VALUE_LENGTH } from './submissions';

/**
 * The uploader's details and custom field values, checked by the signer and by the page with
 * this one module (the page's check is a courtesy; the signer's is the rule). Values are
 * normalised (trimmed, NFC, invisible and control characters removed) before they are stored,
 * shown to the owner or used in a folder name.
 */

/** Why a value was refused (the page has words for each). */
export type InvalidReason =
  | 'too-long'
  | 'not-email'
  | 'not-phone'
  | 'not-number'
  | 'not-date'
  | 'not-an-option'
  | 'not-checkbox'
  | 'not-text'
  | 'not-asked';

export interface DetailsProblem {
  /** Built-in details by name (`email`), custom fields as `field:<label>`. */
  missing: string[];
  invalid: Array<{ field: string; reason: InvalidReason }>;
}

export type CheckedDetails =
  | { ok: true; uploader: Uploader; fields: Record<string, FieldValue> }
  | ({ ok: false } & DetailsProblem);

const CONTROL =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const PHONE = /^\+?[0-9 ()./-]{3,32}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Trimmed, NFC, without control and bidi characters; line breaks kept for text fields. */
function clean(value: string, multiline: boolean): string {
  let s = value.normalize('NFC').replace(CONTROL, '');
  s = multiline ? s.replace(/\r\n?/g, '\n') : s.replace(/[\r\n\t]+/g, ' ');
  return s.trim();
}

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function isEmail(s: string): boolean {
  return s.length <= MAX_EMAIL_LENGTH && EMAIL.test(s);
}

type Checked<T> = { value: T } | { reason: InvalidReason };

function checkDetail(name: DetailName, value: string): Checked<string> {
  switch (name) {
    case 'email':
      return isEmail(value) ? { value } : { reason: 'not-email' };
    case 'phone':
      return PHONE.test(value) && (value.match(/\d/g)?.length ?? 0) >= 3
        ? { value }
        : { reason: 'not-phone' };
    default:
      return value.length <= MAX_DETAIL_LENGTH ? { value } : { reason: 'too-long' };
  }
}

/** A field's value checked; null when it was left empty (or a required box left unticked). */
function checkField(field: CustomField, raw: FieldValue): Checked<FieldValue> | null {
  if (field.type === 'checkbox') {
    if (typeof raw !== 'boolean') return { reason: 'not-checkbox' };
    // A required box (say, "I am over 18") must be ticked; an optional one may be either.
    return raw || !field.required ? { value: raw } : null;
  }
  if (field.type === 'number') {
    if (typeof raw === 'number')
      return Number.isFinite(raw) ? { value: raw } : { reason: 'not-number' };
    if (typeof raw !== 'string') return { reason: 'not-number' };
    const text = clean(raw, false);
    if (text === '') return null;
    return /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(text) && Number.isFinite(Number(text))
      ? { value: Number(text) }
      : { reason: 'not-number' };
  }
  if (typeof raw !== 'string') return { reason: 'not-text' };
  const value = clean(raw, field.type === 'text');
  if (value === '') return null;
  if (value.length > MAX_TEXT_VALUE_LENGTH) return { reason: 'too-long' };
  switch (field.type) {
    case 'email':
      return isEmail(value) ? { value } : { reason: 'not-email' };
    case 'date':
      return isDate(value) ? { value } : { reason: 'not-date' };
    case 'select':
      return (field.options ?? []).includes(value) ? { value } : { reason: 'not-an-option' };
    default:
      return { value };
  }
}

/** Checks what an uploader sent against what the link asks. */
export function checkUploaderDetails(
  asks: { details: readonly DetailName[]; fields: readonly CustomField[] },
  details: Readonly<Record<string, string>> = {},
  fields: Readonly<Record<string, FieldValue>> = {},
): CheckedDetails {
  const missing: string[] = [];
  const invalid: DetailsProblem['invalid'] = [];
  const uploader: Uploader = {};
  const values: Record<string, FieldValue> = {};

  for (const name of Object.keys(details)) {
    if (!asks.details.includes(name as DetailName)) {
      invalid.push({ field: name, reason: 'not-asked' });
    }
  }
  for (const name of asks.details) {
    const raw = Object.prototype.hasOwnProperty.call(details, name) ? details[name] : undefined;
    const value = typeof raw === 'string' ? clean(raw, false) : '';
    if (value === '') {
      missing.push(name);
      continue;
    }
    const checked = checkDetail(name, value);
    if ('value' in checked) uploader[name] = checked.value;
    else invalid.push({ field: name, reason: checked.reason });
  }

  const labels = new Set(asks.fields.map((f) => f.label));
  for (const label of Object.keys(fields)) {
    if (!labels.has(label)) invalid.push({ field: `field:${label}`, reason: 'not-asked' });
  }
  for (const field of asks.fields) {
    const raw = Object.prototype.hasOwnProperty.call(fields, field.label)
      ? fields[field.label]
      : undefined;
    const checked = raw === undefined ? null : checkField(field, raw);
    if (checked === null) {
      if (field.required) missing.push(`field:${field.label}`);
    } else if ('value' in checked) {
      values[field.label] = checked.value;
    } else {
      invalid.push({ field: `field:${field.label}`, reason: checked.reason });
    }
  }

  return missing.length || invalid.length
    ? { ok: false, missing, invalid }
    : { ok: true, uploader, fields: values };
}
