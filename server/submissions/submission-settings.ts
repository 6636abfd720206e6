import { createHash } from 'node:crypto';
import { z } from 'zod';
import type {
  CustomField,
  DetailName,
  LinkSubmissionSettings,
  SubmissionRequirements,
} from '../../protocol/submissions';
import {
  DETAIL_NAMES,
  FIELD_TYPES,
  MAX_FIELD_LABEL_LENGTH,
  MAX_FIELD_OPTION_LENGTH,
  MAX_FIELD_OPTIONS,
  MAX_FIELDS,
  MAX_PASSWORD_LENGTH,
  MAX_TERMS_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../protocol/submissions';
import { checkFolderTemplate } from './folder-template';
import type { PasswordHash } from './password-hash';
import { hashPassword, PasswordHashSchema } from './password-hash';

/**
 * What a link asks before it signs anything (uploader details, custom fields, a password,
 * terms, a folder template), as stored in the link registry (`links/<id>.json`, field
 * `submission`). The token carries only a digest of these settings (claim `settingsHash`):
 * the terms may be long, the password hash must never travel in a URL, and the digest alone
 * tells every signer instance that the link has gates, so a missing registry entry can only
 * shut the link, never open it.
 */
export interface SubmissionOptions {
  ask?: readonly string[];
  fields?: ReadonlyArray<{
    label: string;
    type: string;
    required?: boolean;
    options?: readonly string[];
  }>;
  /** In clear only on its way to being hashed (CLI stdin, admin API body). */
  password?: string;
  terms?: string;
  folderTemplate?: string;
}

export interface SubmissionSettings {
  v: 1;
  details: DetailName[];
  fields: CustomField[];
  password: PasswordHash | null;
  terms: { text: string; hash: string } | null;
  folderTemplate: string | null;
}

const CustomFieldSchema = z.object({
  label: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).optional(),
});

const SettingsSchema = z.object({
  v: z.literal(1),
  details: z.array(z.enum(DETAIL_NAMES)),
  fields: z.array(CustomFieldSchema).max(MAX_FIELDS),
  password: PasswordHashSchema.nullable(),
  terms: z.object({ text: z.string(), hash: z.string() }).nullable(),
  folderTemplate: z.string().nullable(),
});

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function termsHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Whether the options ask for anything at all (a link without any behaves as before). */
export function hasSubmissionOptions(o: SubmissionOptions): boolean {
  return Boolean(
    (o.ask && o.ask.length) ||
    (o.fields && o.fields.length) ||
    o.password !== undefined ||
    o.terms !== undefined ||
    o.folderTemplate !== undefined,
  );
}

function checkLabel(raw: string, seen: Set<string>): string {
  const label = raw.trim().normalize('NFC');
  if (label === '')
    throw new Error('a custom field needs a label, e.g. "Student ID:text:required"');
  if (label.length > MAX_FIELD_LABEL_LENGTH) {
    throw new Error(
      `field "${label.slice(0, 20)}…": a label has at most ${MAX_FIELD_LABEL_LENGTH} characters`,
    );
  }
  if (CONTROL.test(label) || /[{}:|]/.test(label)) {
    throw new Error(`field "${label}": a label may not contain control characters or { } : |`);
  }
  const folded = label.toLowerCase();
  if (seen.has(folded)) throw new Error(`field "${label}" is defined twice`);
  seen.add(folded);
  return label;
}

function checkField(
  f: NonNullable<SubmissionOptions['fields']>[number],
  seen: Set<string>,
): CustomField {
  const label = checkLabel(f.label, seen);
  if (!(FIELD_TYPES as readonly string[]).includes(f.type)) {
    throw new Error(
      `field "${label}": the type must be one of ${FIELD_TYPES.join(', ')} (got "${f.type}")`,
    );
  }
  const type = f.type as CustomField['type'];
  const field: CustomField = { label, type, required: f.required === true };
  if (type === 'select') {
    const options = (f.options ?? []).map((o) => o.trim().normalize('NFC'));
    if (options.length === 0 || options.length > MAX_FIELD_OPTIONS) {
      throw new Error(
        `field "${label}": a select needs 1 to ${MAX_FIELD_OPTIONS} options, e.g. "${label}:select:required:Arts|Science"`,
      );
    }
    for (const o of options) {
      if (o === '' || o.length > MAX_FIELD_OPTION_LENGTH || CONTROL.test(o)) {
        throw new Error(
          `field "${label}": each option has 1 to ${MAX_FIELD_OPTION_LENGTH} characters, without control characters`,
        );
      }
    }
    if (new Set(options).size !== options.length) {
      throw new Error(`field "${label}": an option is listed twice`);
    }
    field.options = options;
  } else if (f.options && f.options.length) {
    throw new Error(`field "${label}": only a select field has options`);
  }
  return field;
}

/**
 * Checks the options and turns them into stored settings (hashing the password); null when the
 * link asks nothing. Throws an Error that names the option and what is wrong.
 */
export async function buildSubmissionSettings(
  o: SubmissionOptions,
): Promise<SubmissionSettings | null> {
  if (!hasSubmissionOptions(o)) return null;
  const asked = new Set<string>();
  for (const raw of o.ask ?? []) {
    const name = raw.trim().toLowerCase();
    if (!(DETAIL_NAMES as readonly string[]).includes(name)) {
      throw new Error(`ask: "${raw}" is not a detail (use ${DETAIL_NAMES.join(', ')})`);
    }
    asked.add(name);
  }
  const details = DETAIL_NAMES.filter((d) => asked.has(d));
  if ((o.fields?.length ?? 0) > MAX_FIELDS) {
    throw new Error(`a link has at most ${MAX_FIELDS} custom fields`);
  }
  const seen = new Set<string>();
  const fields = (o.fields ?? []).map((f) => checkField(f, seen));

  let terms: SubmissionSettings['terms'] = null;
  if (o.terms !== undefined) {
    const text = o.terms.replace(/\r\n?/g, '\n').trim();
    if (text === '') throw new Error('terms are empty');
    if (text.length > MAX_TERMS_LENGTH) {
      throw new Error(`terms have at most ${MAX_TERMS_LENGTH} characters`);
    }
    terms = { text, hash: termsHash(text) };
  }

  let password: PasswordHash | null = null;
  if (o.password !== undefined) {
    const length = [...o.password].length;
    if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
      throw new Error(
        `the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      );
    }
    password = await hashPassword(o.password);
  }

  const folderTemplate =
    o.folderTemplate === undefined
      ? null
      : checkFolderTemplate(o.folderTemplate, {
          details,
          fieldLabels: fields.map((f) => f.label),
        });

  return { v: 1, details, fields, password, terms, folderTemplate };
}

/**
 * The digest the token carries: 128 bits of SHA-256 over the settings as stored, so a record
 * that is not the one the link was minted with is refused.
 */
export function settingsDigest(settings: SubmissionSettings): string {
  const canonical = JSON.stringify([
    settings.v,
    settings.details,
    settings.fields.map((f) => [f.label, f.type, f.required, f.options ?? null]),
    settings.password
      ? [
          settings.password.N,
          settings.password.r,
          settings.password.p,
          settings.password.keyLength,
          settings.password.salt,
          settings.password.hash,
        ]
      : null,
    settings.terms?.hash ?? null,
    settings.folderTemplate,
  ]);
  return createHash('sha256')
    .update(canonical, 'utf8')
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

export function parseSubmissionSettings(value: unknown): SubmissionSettings | null {
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data;
  const fields = s.fields.map((f): CustomField =>
    f.options === undefined
      ? { label: f.label, type: f.type, required: f.required }
      : { label: f.label, type: f.type, required: f.required, options: f.options },
  );
  return { ...s, fields };
}

/** The gates as the contributor's page sees them (`GET /link`). */
export function requirementsOf(s: SubmissionSettings, idleSeconds: number): SubmissionRequirements {
  return {
    password: s.password !== null,
    details: [...s.details],
    fields: s.fields.map((f) => ({ ...f })),
    terms: s.terms ? { ...s.terms } : null,
    idleSeconds,
  };
}

/** The settings as the owner sees them (admin API, `link show`): never the password hash. */
export function ownerViewOf(s: SubmissionSettings): LinkSubmissionSettings {
  return {
    details: [...s.details],
    fields: s.fields.map((f) => ({ ...f })),
    password: s.password !== null,
    terms: s.terms ? { ...s.terms } : null,
    folderTemplate: s.folderTemplate,
  };
}
