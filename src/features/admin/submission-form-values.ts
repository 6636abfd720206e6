import type { CreateLinkRequest } from '../../../protocol/admin';
import type { CustomField, DetailName, FieldType } from '../../../protocol/submissions';
import {
  MAX_FIELD_LABEL_LENGTH,
  MAX_FIELD_OPTION_LENGTH,
  MAX_FIELD_OPTIONS,
  MAX_FIELDS,
  MAX_FOLDER_PLACEHOLDERS,
  MAX_FOLDER_SEGMENTS,
  MAX_FOLDER_TEMPLATE_BYTES,
  MAX_PASSWORD_LENGTH,
  MAX_TERMS_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '../../../protocol/submissions';

/**
 * What a new link asks of the people who upload (details, custom fields, a password, terms)
 * and where their files go (folder template), as the create form holds them, turned into the
 * request's `ask`, `fields`, `password`, `terms` and `folderTemplate`. The page names what is
 * wrong before sending, field by field, with the same limits the signer applies
 * (protocol/submissions.ts); anything subtler the signer still refuses in its own words.
 */
export interface FieldDraft {
  label: string;
  type: FieldType;
  required: boolean;
  /** `select` only: one option per line. */
  options: string;
}

export interface SubmissionFormValues {
  ask: DetailName[];
  fields: FieldDraft[];
  password: string;
  terms: string;
  folderTemplate: string;
}

export const EMPTY_SUBMISSION_FORM: SubmissionFormValues = {
  ask: [],
  fields: [],
  password: '',
  terms: '',
  folderTemplate: '',
};

export const EMPTY_FIELD: FieldDraft = { label: '', type: 'text', required: true, options: '' };
export { MAX_FIELDS };

export type SubmissionIssue =
  | {
      where: 'field';
      index: number;
      problem:
        | 'label-empty'
        | 'label-long'
        | 'label-chars'
        | 'label-twice'
        | 'no-options'
        | 'option-long'
        | 'option-twice';
    }
  | { where: 'password'; problem: 'password-length' }
  | { where: 'terms'; problem: 'terms-long' }
  | {
      where: 'folderTemplate';
      problem:
        | 'placeholder-unknown'
        | 'placeholder-unasked'
        | 'template-long'
        | 'template-dots'
        | 'template-placeholders'
        | 'template-chars'
        | 'template-folders'
        | 'template-empty-folder';
      placeholder?: string;
    };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SIMPLE_PLACEHOLDERS = ['date', 'time', 'submission'];
/** Characters a folder name may not hold (besides control characters), as the signer says. */
// eslint-disable-next-line no-control-regex
const BAD_LITERAL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\<>:"|?*%]/;

const optionsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((o) => o.trim().normalize('NFC'))
    .filter(Boolean);

function checkTemplate(
  template: string,
  ask: readonly DetailName[],
  labels: readonly string[],
): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  if (new TextEncoder().encode(template).length > MAX_FOLDER_TEMPLATE_BYTES) {
    issues.push({ where: 'folderTemplate', problem: 'template-long' });
  }
  const segments = template.split('/');
  if (template.startsWith('/') || segments.some((s) => s === '.' || s === '..')) {
    issues.push({ where: 'folderTemplate', problem: 'template-dots' });
  }
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1]!;
    if (SIMPLE_PLACEHOLDERS.includes(name)) continue;
    if (name.startsWith('field:')) {
      if (!labels.includes(name.slice('field:'.length))) {
        issues.push({
          where: 'folderTemplate',
          problem: 'placeholder-unasked',
          placeholder: `{${name}}`,
        });
      }
    } else if (['name', 'email', 'organisation', 'phone'].includes(name)) {
      if (!ask.includes(name as DetailName)) {
        issues.push({
          where: 'folderTemplate',
          problem: 'placeholder-unasked',
          placeholder: `{${name}}`,
        });
      }
    } else {
      issues.push({
        where: 'folderTemplate',
        problem: 'placeholder-unknown',
        placeholder: `{${name}}`,
      });
    }
  }
  // A brace left open or closed on its own.
  const stripped = template.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(stripped)) {
    issues.push({
      where: 'folderTemplate',
      problem: 'placeholder-unknown',
      placeholder: stripped.match(/[{}]/)![0],
    });
  }
  return [...issues, ...checkTemplateShape(template, stripped)];
}

/** How many placeholders and folders, and what the text between them holds. */
function checkTemplateShape(template: string, literal: string): SubmissionIssue[] {
  const issues: SubmissionIssue[] = [];
  const issue = (problem: Extract<SubmissionIssue, { where: 'folderTemplate' }>['problem']) =>
    issues.push({ where: 'folderTemplate', problem });
  if ((template.match(/\{[^{}]*\}/g) ?? []).length > MAX_FOLDER_PLACEHOLDERS) {
    issue('template-placeholders');
  }
  const bad = literal.match(BAD_LITERAL);
  if (bad) {
    const shown = /\p{Cc}|[\u2028\u2029]/u.test(bad[0])
      ? 'U+' + bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      : bad[0];
    issues.push({ where: 'folderTemplate', problem: 'template-chars', placeholder: shown });
  }
  const segments = (template.endsWith('/') ? template.slice(0, -1) : template).split('/');
  if (segments.length > MAX_FOLDER_SEGMENTS) issue('template-folders');
  // A leading "/" is told as leaving the link's folder (template-dots).
  if (!template.startsWith('/') && segments.includes('')) issue('template-empty-folder');
  return issues;
}

export function toSubmissionSettings(values: SubmissionFormValues):
  | {
      ok: true;
      request: Pick<CreateLinkRequest, 'ask' | 'fields' | 'password' | 'terms' | 'folderTemplate'>;
    }
  | { ok: false; issues: SubmissionIssue[] } {
  const issues: SubmissionIssue[] = [];
  const request: Pick<
    CreateLinkRequest,
    'ask' | 'fields' | 'password' | 'terms' | 'folderTemplate'
  > = {};
  if (values.ask.length > 0) request.ask = [...values.ask];

  const seen = new Set<string>();
  const fields: CustomField[] = [];
  values.fields.slice(0, MAX_FIELDS).forEach((draft, index) => {
    const label = draft.label.trim().normalize('NFC');
    const problem = (p: Extract<SubmissionIssue, { where: 'field' }>['problem']) =>
      issues.push({ where: 'field', index, problem: p });
    if (label === '') problem('label-empty');
    else if (label.length > MAX_FIELD_LABEL_LENGTH) problem('label-long');
    else if (CONTROL.test(label) || /[{}:|]/.test(label)) problem('label-chars');
    else if (seen.has(label.toLowerCase())) problem('label-twice');
    seen.add(label.toLowerCase());
    const field: CustomField = { label, type: draft.type, required: draft.required };
    if (draft.type === 'select') {
      const options = optionsOf(draft.options);
      if (options.length === 0 || options.length > MAX_FIELD_OPTIONS) problem('no-options');
      else if (options.some((o) => o.length > MAX_FIELD_OPTION_LENGTH || CONTROL.test(o))) {
        problem('option-long');
      } else if (new Set(options).size !== options.length) problem('option-twice');
      field.options = options;
    }
    fields.push(field);
  });
  if (fields.length > 0) request.fields = fields;

  if (values.password !== '') {
    const length = [...values.password].length;
    if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
      issues.push({ where: 'password', problem: 'password-length' });
    } else request.password = values.password;
  }
  const terms = values.terms.replace(/\r\n?/g, '\n').trim();
  if (terms !== '') {
    if (terms.length > MAX_TERMS_LENGTH) issues.push({ where: 'terms', problem: 'terms-long' });
    else request.terms = terms;
  }
  const template = values.folderTemplate.trim();
  if (template !== '') {
    issues.push(
      ...checkTemplate(
        template,
        values.ask,
        fields.map((f) => f.label),
      ),
    );
    request.folderTemplate = template;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, request };
}
