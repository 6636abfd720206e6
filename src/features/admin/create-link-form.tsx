import type { AxiosInstance } from 'axios';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../i18n/catalogue-en';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { useCreateLink } from './api/create-link';
import { CopyField } from './copy-field';
import type { LinkFormValues } from './link-form-values';
import { EMPTY_LINK_FORM, toCreateRequest } from './link-form-values';
import type { SubmissionIssue } from './submission-form-values';
import { EMPTY_SUBMISSION_FORM, toSubmissionSettings } from './submission-form-values';
import { SubmissionSettingsFields } from './submission-settings-fields';

const FIELDS: Array<{
  name: keyof LinkFormValues;
  label: MessageKey & `admin.create.${string}`;
  inputMode?: 'numeric' | 'decimal';
  multiline?: boolean;
  /** Spans the whole form. */
  wide?: boolean;
  /** A hint below it, tied to it with aria-describedby. */
  hint?: MessageKey & `admin.create.${string}`;
}> = [
  { name: 'title', label: 'admin.create.name' },
  { name: 'message', label: 'admin.create.message', multiline: true },
  { name: 'days', label: 'admin.create.days', inputMode: 'decimal' },
  { name: 'maxFiles', label: 'admin.create.maxFiles', inputMode: 'numeric' },
  { name: 'maxFileSizeMb', label: 'admin.create.maxFileSize', inputMode: 'decimal' },
  { name: 'maxTotalMb', label: 'admin.create.maxTotal', inputMode: 'decimal' },
  { name: 'types', label: 'admin.create.types' },
  {
    name: 'notify',
    label: 'admin.create.notify',
    multiline: true,
    wide: true,
    hint: 'admin.create.notifyHint',
  },
];

export function CreateLinkForm({ client }: { client: AxiosInstance }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [values, setValues] = useState<LinkFormValues>(EMPTY_LINK_FORM);
  const [invalid, setInvalid] = useState<keyof LinkFormValues | null>(null);
  const [asks, setAsks] = useState(EMPTY_SUBMISSION_FORM);
  const [askIssues, setAskIssues] = useState<SubmissionIssue[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateLink(client);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = toCreateRequest(values);
    const submission = toSubmissionSettings(asks);
    setAskIssues(submission.ok ? [] : submission.issues);
    if (!submission.ok) {
      // Take the keyboard (and a screen reader) to the first setting to fix.
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
    }
    if (!parsed.ok) {
      setInvalid(parsed.field);
      return;
    }
    setInvalid(null);
    if (!submission.ok) return;
    // Chat messages and emails about this link speak the owner's language.
    const request = parsed.request.notify
      ? { ...parsed.request, ...submission.request, notifyLanguage: locale }
      : { ...parsed.request, ...submission.request };
    create.mutate(request, {
      onSuccess: () => {
        setValues(EMPTY_LINK_FORM);
        setAsks(EMPTY_SUBMISSION_FORM);
      },
    });
  };

  return (
    <section className="card admin-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card__title">
        {t.t('admin.create.title')}
      </h2>
      <form ref={form} className="admin-form admin-form--grid" onSubmit={submit} noValidate>
        {FIELDS.map((field) => {
          const fieldId = `${id}-${field.name}`;
          const common = {
            id: fieldId,
            name: field.name,
            value: values[field.name] ?? '',
            'aria-invalid': invalid === field.name ? true : undefined,
            'aria-describedby': field.hint ? `${fieldId}-hint` : undefined,
            onChange: (e: { target: { value: string } }) =>
              setValues((v) => ({ ...v, [field.name]: e.target.value })),
          };
          return (
            <div
              key={field.name}
              className={`admin-form__field${field.wide ? ' admin-form__wide' : ''}`}
            >
              <label htmlFor={fieldId}>{t.t(field.label)}</label>
              {field.multiline ? (
                <textarea rows={2} {...common} />
              ) : (
                <input type="text" inputMode={field.inputMode} autoComplete="off" {...common} />
              )}
              {field.hint && (
                <p id={`${fieldId}-hint`} className="muted">
                  {t.t(field.hint)}
                </p>
              )}
            </div>
          );
        })}
        <p className="muted admin-form__wide">{t.t('admin.create.hint')}</p>
        <SubmissionSettingsFields values={asks} onChange={setAsks} issues={askIssues} />
        <div className="admin-form__wide">
          <button
            className="button button--primary"
            type="submit"
            data-testid="create-link"
            disabled={create.isPending}
          >
            {create.isPending ? t.t('admin.create.creating') : t.t('admin.create.submit')}
          </button>
        </div>
      </form>
      {create.isError && (
        <p className="notice card--error" role="alert">
          {adminErrorText(create.error, t)}
        </p>
      )}
      {create.isSuccess && (
        <div className="notice notice--success" role="status" data-testid="created-link">
          <p>{t.t('admin.create.created')}</p>
          <CopyField
            value={create.data.url}
            label={t.t('admin.links.address', {
              title: create.data.link.title || t.t('admin.links.untitled'),
            })}
          />
        </div>
      )}
    </section>
  );
}
