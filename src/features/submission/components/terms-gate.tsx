import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { SubmissionSession } from '../submission-session';

/**
 * The link's terms: the owner's text (plain text, never markup) in a box that scrolls and
 * can be reached with the keyboard, a box to tick, and Continue. Accepting sends the terms'
 * hash, so the signer records which text was accepted.
 */
export function TermsGate({
  session,
  terms,
  again,
  onBack,
}: {
  session: SubmissionSession;
  terms: { text: string; hash: string };
  again: boolean;
  onBack?: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [accepted, setAccepted] = useState(false);
  const [problem, setProblem] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!accepted) {
      setProblem(true);
      document.getElementById(`${id}-accept`)?.focus();
      return;
    }
    session.acceptTerms(terms.hash);
  };

  return (
    <form className="gate__form" onSubmit={submit} noValidate>
      {again && (
        <p className="notice notice--problem" role="alert">
          {t.t('gate.terms.changed')}
        </p>
      )}
      <p>{t.t('gate.terms.body')}</p>
      <div
        className="gate__terms"
        role="region"
        aria-label={t.t('gate.terms.textLabel')}
        tabIndex={0}
        data-testid="terms-text"
      >
        {terms.text}
      </div>
      <div className="gate__field gate__field--check">
        <input
          id={`${id}-accept`}
          type="checkbox"
          checked={accepted}
          aria-invalid={problem && !accepted ? true : undefined}
          aria-describedby={problem && !accepted ? `${id}-problem` : undefined}
          onChange={(e) => setAccepted(e.target.checked)}
          data-testid="terms-accept"
        />
        <label htmlFor={`${id}-accept`}>{t.t('gate.terms.accept')}</label>
      </div>
      <p
        id={`${id}-problem`}
        className={problem && !accepted ? 'gate__error' : 'visually-hidden'}
        role="alert"
      >
        {problem && !accepted ? t.t('gate.terms.required') : ''}
      </p>
      <div className="gate__actions">
        {onBack && (
          <button type="button" className="button" onClick={onBack}>
            {t.t('gate.back')}
          </button>
        )}
        <button type="submit" className="button button--primary" data-testid="gate-continue">
          {t.t('gate.continue')}
        </button>
      </div>
    </form>
  );
}
