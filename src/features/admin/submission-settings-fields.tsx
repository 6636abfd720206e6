import { useId, type InputHTMLAttributes } from 'react';
import { DETAIL_NAMES } from '../../../protocol/submissions';
import { useI18n } from '../../i18n/use-i18n';
import {
  EMPTY_FIELD,
  MAX_FIELDS,
  type FieldDraft,
  type SubmissionFormValues,
  type SubmissionIssue,
} from './submission-form-values';
import { CustomFieldEditor } from './custom-field-editor';
import { FOLDER_EXAMPLE, FOLDER_PLACEHOLDERS } from './submission-issue-text';
import { describedBy, IssueList } from './submission-issue-list';
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
        {values.fields.map((field, index) => (
          <CustomFieldEditor
            key={index}
            field={field}
            index={index}
            baseId={`${id}-field-${index}`}
            issues={issues.filter((i) => i.where === 'field' && i.index === index)}
            onChange={(patch) => setField(index, patch)}
            onRemove={() => set({ fields: values.fields.filter((_, i) => i !== index) })}
          />
        ))}
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

      <TextSetting
        id={`${id}-password`}
        name="password"
        label={t.t('admin.sub.password')}
        hint={t.t('admin.sub.passwordHint')}
        issues={issuesOf((i) => i.where === 'password')}
        value={values.password}
        onChange={(password) => set({ password })}
        input={{ type: 'password', autoComplete: 'new-password' }}
      />
      <TextSetting
        id={`${id}-terms`}
        name="terms"
        label={t.t('admin.sub.terms')}
        hint={t.t('admin.sub.termsHint')}
        issues={issuesOf((i) => i.where === 'terms')}
        value={values.terms}
        onChange={(terms) => set({ terms })}
        rows={3}
      />
      <TextSetting
        id={`${id}-folder`}
        name="folderTemplate"
        label={t.t('admin.sub.folder')}
        hint={t.t('admin.sub.folderHint', {
          placeholders: FOLDER_PLACEHOLDERS,
          example: FOLDER_EXAMPLE,
        })}
        issues={issuesOf((i) => i.where === 'folderTemplate')}
        value={values.folderTemplate}
        onChange={(folderTemplate) => set({ folderTemplate })}
        input={{ type: 'text', autoComplete: 'off', spellCheck: false }}
      />
    </fieldset>
  );
}

/**
 * One text setting: label, input (or, given `rows`, a textarea), hint and its problems, the
 * hint and the problems read out with the input.
 */
function TextSetting({
  id,
  name,
  label,
  hint,
  issues,
  value,
  onChange,
  input,
  rows,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  issues: readonly SubmissionIssue[];
  value: string;
  onChange(value: string): void;
  input?: Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'autoComplete' | 'spellCheck'>;
  rows?: number;
}) {
  const common = {
    id,
    name,
    value,
    'aria-invalid': issues.length > 0 ? true : undefined,
    'aria-describedby': describedBy(issues, `${id}-error`, `${id}-hint`),
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className="admin-form__field">
      <label htmlFor={id}>{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input {...input} {...common} />}
      <p id={`${id}-hint`} className="muted admin-form__hint">
        {hint}
      </p>
      <IssueList issues={issues} id={`${id}-error`} testId={`issue-${name}`} />
    </div>
  );
}
