import { useId } from 'react';
import { DETAIL_NAMES, FIELD_TYPES } from '../../../protocol/submissions';
import { useI18n } from '../../i18n/use-i18n';
import {
  EMPTY_FIELD,
  MAX_FIELDS,
  type FieldDraft,
  type SubmissionFormValues,
  type SubmissionIssue,
} from './submission-form-values';
import { FOLDER_EXAMPLE, FOLDER_PLACEHOLDERS, submissionIssueText } from './submission-issue-text';
import '../../i18n/catalogue-en-submissions';

/**
 * The part of the create form about the people who upload: which details to ask, custom
 * fields (label, type, required, options), a password, terms to accept, and the folder each
 * submission's files go to. Each problem shows beside its input (aria-describedby).
 */
export function SubmissionSettingsFields({
  values,
  onChange,
  issues,
}: {
  values: SubmissionFormValues;
  onChange(values: SubmissionFormValues): void;
  issues: readonly SubmissionIssue[];
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<SubmissionFormValues>) => onChange({ ...values, ...patch });
  const setField = (index: number, patch: Partial<FieldDraft>) =>
    set({ fields: values.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });
  const issuesOf = (match: (i: SubmissionIssue) => boolean) => issues.filter(match);

  const errorList = (list: SubmissionIssue[], listId: string, testId: string) =>
    list.length > 0 && (
      <ul id={listId} className="admin-form__error" data-testid={testId}>
        {list.map((issue, i) => (
          <li key={i}>{submissionIssueText(issue, t)}</li>
        ))}
      </ul>
    );
  const described = (list: SubmissionIssue[], listId: string, hintId?: string) =>
    [list.length > 0 ? listId : null, hintId ?? null].filter(Boolean).join(' ') || undefined;

  const passwordIssues = issuesOf((i) => i.where === 'password');
  const termsIssues = issuesOf((i) => i.where === 'terms');
  const folderIssues = issuesOf((i) => i.where === 'folderTemplate');

  return (
    <fieldset className="admin-form__wide admin-fieldset" data-testid="submission-settings">
      <legend>{t.t('admin.sub.legend')}</legend>
      <p className="muted">{t.t('admin.sub.intro')}</p>

      <fieldset className="admin-fieldset admin-fieldset--inner">
        <legend>{t.t('admin.sub.ask')}</legend>
        <div className="admin-checks">
          {DETAIL_NAMES.map((name) => (
            <label key={name} className="admin-check">
              <input
                type="checkbox"
                name={`ask-${name}`}
                checked={values.ask.includes(name)}
                onChange={(e) =>
                  set({
                    ask: e.target.checked
                      ? DETAIL_NAMES.filter((d) => d === name || values.ask.includes(d))
                      : values.ask.filter((d) => d !== name),
                  })
                }
              />
              {t.t(`detail.${name}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="admin-fieldset admin-fieldset--inner" data-testid="custom-fields">
        <legend>{t.t('admin.sub.fields')}</legend>
        {values.fields.length === 0 && <p className="muted">{t.t('admin.sub.noFields')}</p>}
        {values.fields.map((field, index) => {
          const base = `${id}-field-${index}`;
          const mine = issuesOf((i) => i.where === 'field' && i.index === index);
          const aboutLabel = mine.some((i) => i.problem.startsWith('label-'));
          const aboutOptions = mine.some((i) => !i.problem.startsWith('label-'));
          return (
            <div
              key={index}
              className="admin-custom-field"
              role="group"
              aria-labelledby={`${base}-title`}
            >
              <p id={`${base}-title`} className="admin-custom-field__title">
                {t.t('admin.sub.fieldTitle', { n: index + 1 })}
              </p>
              <div className="admin-form__field">
                <label htmlFor={`${base}-label`}>{t.t('admin.sub.fieldLabel')}</label>
                <input
                  id={`${base}-label`}
                  name={`field-${index}-label`}
                  type="text"
                  autoComplete="off"
                  value={field.label}
                  aria-invalid={aboutLabel ? true : undefined}
                  aria-describedby={aboutLabel ? `${base}-error` : undefined}
                  onChange={(e) => setField(index, { label: e.target.value })}
                />
              </div>
              <div className="admin-form__field">
                <label htmlFor={`${base}-type`}>{t.t('admin.sub.fieldType')}</label>
                <select
                  id={`${base}-type`}
                  name={`field-${index}-type`}
                  value={field.type}
                  onChange={(e) => setField(index, { type: e.target.value as FieldDraft['type'] })}
                >
                  {FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t.t(`admin.sub.type.${type}`)}
                    </option>
                  ))}
                </select>
              </div>
              {field.type === 'select' && (
                <div className="admin-form__field">
                  <label htmlFor={`${base}-options`}>{t.t('admin.sub.fieldOptions')}</label>
                  <textarea
                    id={`${base}-options`}
                    name={`field-${index}-options`}
                    rows={3}
                    value={field.options}
                    aria-invalid={aboutOptions ? true : undefined}
                    aria-describedby={aboutOptions ? `${base}-error` : undefined}
                    onChange={(e) => setField(index, { options: e.target.value })}
                  />
                </div>
              )}
              <label className="admin-check">
                <input
                  type="checkbox"
                  name={`field-${index}-required`}
                  checked={field.required}
                  onChange={(e) => setField(index, { required: e.target.checked })}
                />
                {t.t(
                  field.type === 'checkbox' ? 'admin.sub.fieldMustTick' : 'admin.sub.fieldRequired',
                )}
              </label>
              {errorList(mine, `${base}-error`, `issue-field-${index}`)}
              <button
                type="button"
                className="button button--quiet"
                onClick={() => set({ fields: values.fields.filter((_, i) => i !== index) })}
              >
                {t.t('admin.sub.removeField', { n: index + 1 })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          disabled={values.fields.length >= MAX_FIELDS}
          onClick={() => set({ fields: [...values.fields, { ...EMPTY_FIELD }] })}
          data-testid="add-field"
        >
          {t.t('admin.sub.addField')}
        </button>
      </fieldset>

      <div className="admin-form__field">
        <label htmlFor={`${id}-password`}>{t.t('admin.sub.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          aria-invalid={passwordIssues.length > 0 ? true : undefined}
          aria-describedby={described(
            passwordIssues,
            `${id}-password-error`,
            `${id}-password-hint`,
          )}
          onChange={(e) => set({ password: e.target.value })}
        />
        <p id={`${id}-password-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.passwordHint')}
        </p>
        {errorList(passwordIssues, `${id}-password-error`, 'issue-password')}
      </div>
      <div className="admin-form__field">
        <label htmlFor={`${id}-terms`}>{t.t('admin.sub.terms')}</label>
        <textarea
          id={`${id}-terms`}
          name="terms"
          rows={3}
          value={values.terms}
          aria-invalid={termsIssues.length > 0 ? true : undefined}
          aria-describedby={described(termsIssues, `${id}-terms-error`, `${id}-terms-hint`)}
          onChange={(e) => set({ terms: e.target.value })}
        />
        <p id={`${id}-terms-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.termsHint')}
        </p>
        {errorList(termsIssues, `${id}-terms-error`, 'issue-terms')}
      </div>
      <div className="admin-form__field">
        <label htmlFor={`${id}-folder`}>{t.t('admin.sub.folder')}</label>
        <input
          id={`${id}-folder`}
          name="folderTemplate"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={values.folderTemplate}
          aria-invalid={folderIssues.length > 0 ? true : undefined}
          aria-describedby={described(folderIssues, `${id}-folder-error`, `${id}-folder-hint`)}
          onChange={(e) => set({ folderTemplate: e.target.value })}
        />
        <p id={`${id}-folder-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.folderHint', {
            placeholders: FOLDER_PLACEHOLDERS,
            example: FOLDER_EXAMPLE,
          })}
        </p>
        {errorList(folderIssues, `${id}-folder-error`, 'issue-folderTemplate')}
      </div>
    </fieldset>
  );
}
