import type { AxiosInstance } from 'axios';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { LinkSettingIssue } from '../../../protocol/link-settings';
import type { MessageKey } from '../../i18n/catalogue-en';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { useCreateLink } from './api/create-link';
import { CopyField } from './copy-field';
import { issuesOfError, linkIssueText } from './link-issue-text';
import type { LinkFormValues } from './link-form-values';
import { EMPTY_LINK_FORM, FORM_FIELD_OF, toCreateRequest } from './link-form-values';
import type { SubmissionIssue } from './submission-form-values';
import { EMPTY_SUBMISSION_FORM, toSubmissionSettings } from './submission-form-values';
import { SubmissionSettingsFields } from './submission-settings-fields';

const FIELDS: Array<{
  name: keyof LinkFormValues;
  label: MessageKey & `admin.create.${string}`;
  hint?: MessageKey & `admin.create.${string}`;
  inputMode?: 'numeric' | 'decimal' | 'url';
  multiline?: boolean;
  /** Spans the whole form. */
  wide?: boolean;
}> = [
  { name: 'title', label: 'admin.create.name' },
  { name: 'message', label: 'admin.create.message', multiline: true },
  { name: 'days', label: 'admin.create.days', inputMode: 'decimal' },
  { name: 'maxFiles', label: 'admin.create.maxFiles', inputMode: 'numeric' },
  { name: 'maxFileSizeMb', label: 'admin.create.maxFileSize' },
  { name: 'maxTotalMb', label: 'admin.create.maxTotal' },
  { name: 'types', label: 'admin.create.types' },
  {
    name: 'embedOrigins',
    label: 'admin.create.embedOrigins',
    hint: 'admin.create.embedOriginsHint',
    inputMode: 'url',
    wide: true,
  },
  {
    name: 'notify',
    label: 'admin.create.notify',
    multiline: true,
    wide: true,
    hint: 'admin.create.notifyHint',
  },
];

/** The one tag that puts a link's upload box on another site (docs/embedding.md). */
function embedSnippet(url: string): string {
  return `<script src="${new URL(url).origin}/embed.js" data-link="${url}"></script>`;
}

export function CreateLinkForm({ client }: { client: AxiosInstance }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [values, setValues] = useState<LinkFormValues>(EMPTY_LINK_FORM);
  // What is wrong with the settings, from the page's own check or from the server's answer:
  // the same issues either way, each explained beside its field.
  const [issues, setIssues] = useState<LinkSettingIssue[]>([]);
  // What the link asks of the people who upload, and its own problems (the page's check).
  const [asks, setAsks] = useState(EMPTY_SUBMISSION_FORM);
  const [askIssues, setAskIssues] = useState<SubmissionIssue[]>([]);
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateLink(client);

  const showIssues = (found: LinkSettingIssue[]) => {
    setIssues(found);
    const first = found[0];
    if (!first) return;
    // Take the keyboard (and a screen reader) to the first field to fix.
    requestAnimationFrame(() => {
      const input = form.current?.elements.namedItem(FORM_FIELD_OF[first.field]);
      if (input instanceof HTMLElement) input.focus();
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = toCreateRequest(values);
    const submission = toSubmissionSettings(asks);
    setAskIssues(submission.ok ? [] : submission.issues);
    if (!parsed.ok) {
      showIssues(parsed.issues);
      return;
    }
    setIssues([]);
    if (!submission.ok) {
      requestAnimationFrame(() =>
        form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    // Chat messages and emails about this link speak the owner's language.
    const request = parsed.request.notify
      ? { ...parsed.request, ...submission.request, notifyLanguage: locale }
      : { ...parsed.request, ...submission.request };
    create.mutate(request, {
      onSuccess: () => {
        setValues(EMPTY_LINK_FORM);
        setAsks(EMPTY_SUBMISSION_FORM);
      },
      onError: (error) => showIssues(issuesOfError(error)),
    });
  };

  const serverIssues = create.isError ? issuesOfError(create.error) : [];

  return (
    <section className="card admin-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card__title">
        {t.t('admin.create.title')}
      </h2>
      <form
        ref={form}
        className="admin-form admin-form--grid"
        onSubmit={submit}
        noValidate
        data-testid="create-link-form"
      >
        {FIELDS.map((field) => (
          <SettingField
            key={field.name}
            field={field}
            fieldId={`${id}-${field.name}`}
            value={values[field.name] ?? ''}
            issues={issues.filter((i) => FORM_FIELD_OF[i.field] === field.name)}
            onChange={(value) => {
              setValues((v) => ({ ...v, [field.name]: value }));
              // Changed: its old explanation no longer applies.
              setIssues((all) => all.filter((i) => FORM_FIELD_OF[i.field] !== field.name));
            }}
          />
        ))}
        <p className="muted admin-form__wide">{t.t('admin.create.hint')}</p>
        <SubmissionSettingsFields values={asks} onChange={setAsks} issues={askIssues} />
        {(issues.length > 0 || askIssues.length > 0) && (
          <p className="notice card--error admin-form__wide" role="alert">
            {t.t('admin.create.fix')}
          </p>
        )}
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
      {create.isError && serverIssues.length === 0 && (
        <p className="notice card--error" role="alert">
          {adminErrorText(create.error, t)}
        </p>
      )}
      {create.isSuccess && <CreatedLink url={create.data.url} link={create.data.link} />}
    </section>
  );
}

type Field = (typeof FIELDS)[number];

/** One setting: its label, input, hint, and what is wrong with it (read out with the input). */
function SettingField({
  field,
  fieldId,
  value,
  issues,
  onChange,
}: {
  field: Field;
  fieldId: string;
  value: string;
  issues: readonly LinkSettingIssue[];
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  const describedBy = [
    issues.length > 0 ? `${fieldId}-error` : null,
    field.hint ? `${fieldId}-hint` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id: fieldId,
    name: field.name,
    value,
    'aria-invalid': issues.length > 0 ? true : undefined,
    'aria-describedby': describedBy || undefined,
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`admin-form__field${field.wide ? ' admin-form__wide' : ''}`}>
      <label htmlFor={fieldId}>{t.t(field.label)}</label>
      {field.multiline ? (
        <textarea rows={2} {...common} />
      ) : (
        <input
          type="text"
          inputMode={field.inputMode}
          autoComplete="off"
          spellCheck={field.inputMode === 'url' ? false : undefined}
          {...common}
        />
      )}
      {field.hint && (
        <p id={`${fieldId}-hint`} className="muted admin-form__hint">
          {t.t(field.hint)}
        </p>
      )}
      {issues.length > 0 && (
        <ul
          id={`${fieldId}-error`}
          className="admin-form__error"
          data-testid={`issue-${field.name}`}
        >
          {issues.map((issue, i) => (
            <li key={i}>{linkIssueText(issue, t)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The new link's address to copy, and the tag that embeds it where embedding is allowed. */
function CreatedLink({
  url,
  link,
}: {
  url: string;
  link: { title: string; embedOrigins: string[] };
}) {
  const { t } = useI18n();
  return (
    <div className="notice notice--success" role="status" data-testid="created-link">
      <p>{t.t('admin.create.created')}</p>
      <CopyField
        value={url}
        label={t.t('admin.links.address', { title: link.title || t.t('admin.links.untitled') })}
      />
      {link.embedOrigins.length > 0 && (
        <>
          <p>{t.t('admin.create.embedCode')}</p>
          <CopyField
            value={embedSnippet(url)}
            label={t.t('admin.create.embedCode')}
            testId="embed-code"
          />
        </>
      )}
    </div>
  );
}
