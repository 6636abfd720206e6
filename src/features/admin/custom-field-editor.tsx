import { FIELD_TYPES } from '../../../protocol/submissions';
import { useI18n } from '../../i18n/use-i18n';
import type { FieldDraft, SubmissionIssue } from './submission-form-values';
import { IssueList } from './submission-issue-list';
import '../../i18n/catalogue-en-submissions';

/**
 * One custom question of a new link: its label, the type of answer, the choices of a list,
 * whether it must be answered, and its problems beside it.
 */
export function CustomFieldEditor({
  field,
  index,
  baseId,
  issues,
  onChange,
  onRemove,
}: {
  field: FieldDraft;
  index: number;
  baseId: string;
  issues: readonly SubmissionIssue[];
  onChange(patch: Partial<FieldDraft>): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const base = baseId;
  const mine = issues;
  const aboutLabel = mine.some((i) => i.problem.startsWith('label-'));
  const aboutOptions = mine.some((i) => !i.problem.startsWith('label-'));
  return (
    <div className="admin-custom-field" role="group" aria-labelledby={`${base}-title`}>
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
          onChange={(e) => onChange({ label: e.target.value })}
        />
      </div>
      <div className="admin-form__field">
        <label htmlFor={`${base}-type`}>{t.t('admin.sub.fieldType')}</label>
        <select
          id={`${base}-type`}
          name={`field-${index}-type`}
          value={field.type}
          onChange={(e) => onChange({ type: e.target.value as FieldDraft['type'] })}
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
            onChange={(e) => onChange({ options: e.target.value })}
          />
        </div>
      )}
      <label className="admin-check">
        <input
          type="checkbox"
          name={`field-${index}-required`}
          checked={field.required}
          onChange={(e) => onChange({ required: e.target.checked })}
        />
        {t.t(field.type === 'checkbox' ? 'admin.sub.fieldMustTick' : 'admin.sub.fieldRequired')}
      </label>
      <IssueList issues={mine} id={`${base}-error`} testId={`issue-field-${index}`} />
      <button type="button" className="button button--quiet" onClick={onRemove}>
        {t.t('admin.sub.removeField', { n: index + 1 })}
      </button>
    </div>
  );
}
