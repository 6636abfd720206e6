import { useId } from 'react';
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

      <div className="admin-form__field">
        <label htmlFor={`${id}-password`}>{t.t('admin.sub.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          aria-invalid={passwordIssues.length > 0 ? true : undefined}
          aria-describedby={describedBy(
            passwordIssues,
            `${id}-password-error`,
            `${id}-password-hint`,
          )}
          onChange={(e) => set({ password: e.target.value })}
        />
        <p id={`${id}-password-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.passwordHint')}
        </p>
        <IssueList issues={passwordIssues} id={`${id}-password-error`} testId={'issue-password'} />
      </div>
      <div className="admin-form__field">
        <label htmlFor={`${id}-terms`}>{t.t('admin.sub.terms')}</label>
        <textarea
          id={`${id}-terms`}
          name="terms"
          rows={3}
          value={values.terms}
          aria-invalid={termsIssues.length > 0 ? true : undefined}
          aria-describedby={describedBy(termsIssues, `${id}-terms-error`, `${id}-terms-hint`)}
          onChange={(e) => set({ terms: e.target.value })}
        />
        <p id={`${id}-terms-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.termsHint')}
        </p>
        <IssueList issues={termsIssues} id={`${id}-terms-error`} testId={'issue-terms'} />
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
          aria-describedby={describedBy(folderIssues, `${id}-folder-error`, `${id}-folder-hint`)}
          onChange={(e) => set({ folderTemplate: e.target.value })}
        />
        <p id={`${id}-folder-hint`} className="muted admin-form__hint">
          {t.t('admin.sub.folderHint', {
            placeholders: FOLDER_PLACEHOLDERS,
            example: FOLDER_EXAMPLE,
          })}
        </p>
        <IssueList
          issues={folderIssues}
          id={`${id}-folder-error`}
          testId={'issue-folderTemplate'}
        />
      </div>
    </fieldset>
  );
}
