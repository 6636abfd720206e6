import { useId, useRef, useState, type FormEvent } from 'react';
import type { CustomField, DetailName, FieldValue } from '../../../../protocol/submissions';
import type { DetailsProblem } from '../../../../protocol/uploader-details';
import { useI18n } from '../../../i18n/use-i18n';
import type { Answers, SubmissionSession } from '../submission-session';
import { problemText } from '../problem-text';
import { GateField, type Entry } from './gate-field';

type Values = Record<string, string | boolean>;

function initialValues(entries: readonly Entry[], answers: Answers): Values {
  const values: Values = {};
  for (const e of entries) {
    if (e.detail) values[e.key] = answers.details[e.detail] ?? '';
    else if (e.field) {
      const v: FieldValue | undefined = answers.fields[e.field.label];
      values[e.key] = e.field.type === 'checkbox' ? v === true : v === undefined ? '' : String(v);
    }
  }
  return values;
}

/**
 * The uploader's details and the link's custom fields, checked in the browser with the
 * signer's own rules (protocol/uploader-details.ts) before anything is sent; each problem is
 * named beside its field and in a list above the button, and the first field to fix takes
 * the focus.
 */
export function DetailsGate({
  session,
  ask,
  answers,
  refused,
  again,
}: {
  session: SubmissionSession;
  ask: { details: readonly DetailName[]; fields: readonly CustomField[] };
  answers: Answers;
  refused: DetailsProblem | null;
  again: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const entries: Entry[] = [
    ...ask.details.map((d) => ({ key: d, label: t.t(`detail.${d}`), detail: d, required: true })),
    ...ask.fields.map((f) => ({
      key: `field:${f.label}`,
      label: f.label,
      field: f,
      required: f.required,
    })),
  ];
  const [values, setValues] = useState<Values>(() => initialValues(entries, answers));
  const problems = new Map<string, string>();
  for (const e of entries) {
    const text = problemText(e.key, e.field ?? e.detail!, refused, t);
    if (text) problems.set(e.key, text);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Answers = { details: {}, fields: {} };
    for (const e of entries) {
      const v = values[e.key];
      if (e.detail) next.details[e.detail] = String(v ?? '');
      else if (e.field)
        next.fields[e.field.label] = e.field.type === 'checkbox' ? v === true : String(v ?? '');
    }
    if (session.answer(next)) return;
    // Take the keyboard (and a screen reader) to the first answer to change.
    requestAnimationFrame(() => {
      const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    });
  };

  const set = (key: string, value: string | boolean) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <form ref={form} className="gate__form" onSubmit={submit} noValidate data-testid="details-form">
      {again && (
        <p className="notice notice--problem" role="alert">
          {t.t('gate.details.refused')}
        </p>
      )}
      <p>{t.t('gate.details.body')}</p>
      {entries.map((e, index) => (
        <GateField
          key={e.key}
          entry={e}
          fieldId={`${id}-${index}`}
          value={values[e.key]}
          problem={problems.get(e.key)}
          onChange={(value) => set(e.key, value)}
        />
      ))}
      {problems.size > 0 && (
        <div className="notice notice--problem" role="alert" data-testid="details-problems">
          <p>{t.t('gate.details.fix')}</p>
          <ul>
            {entries
              .filter((e) => problems.has(e.key))
              .map((e) => (
                <li key={e.key}>
                  {t.t('invalid.item', { field: e.label, problem: problems.get(e.key)! })}
                </li>
              ))}
          </ul>
        </div>
      )}
      <div className="gate__actions">
        <button type="submit" className="button button--primary" data-testid="gate-continue">
          {t.t('gate.continue')}
        </button>
      </div>
    </form>
  );
}
