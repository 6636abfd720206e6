import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import { useNow } from '../../../i18n/use-now';
import type { SubmissionSession } from '../submission-session';

type Message =
  | { kind: 'empty' }
  | { kind: 'wrong'; attemptsLeft: number | null }
  | { kind: 'error'; code: string | null };

/**
 * The link's password, checked by the signer (`POST /link/unlock`): a wrong one says how many
 * tries are left, too many say how long to wait (the button waits too). The password stays
 * in this form only while it is typed; the page keeps the signer's short-lived proof.
 */
export function PasswordGate({ session, again }: { session: SubmissionSession; again: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const waitLeft = useNow((now) => (waitUntil === null ? 0 : Math.max(0, waitUntil - now)));
  const waiting = waitLeft > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || waiting) return;
    if (password === '') {
      setMessage({ kind: 'empty' });
      return;
    }
    setBusy(true);
    setMessage(null);
    const outcome = await session.unlock(password);
    setBusy(false);
    if (outcome.ok) return;
    setPassword('');
    if (outcome.kind === 'wrong') setMessage({ kind: 'wrong', attemptsLeft: outcome.attemptsLeft });
    else if (outcome.kind === 'wait') {
      setWaitUntil(Date.now() + outcome.retryAfterSeconds * 1000);
      setMessage(null);
    } else {
      const code = (outcome.error as { code?: unknown } | null)?.code;
      setMessage({ kind: 'error', code: typeof code === 'string' ? code : null });
    }
  };

  let text: string | null = null;
  if (waiting) text = t.t('gate.password.wait', { duration: t.elapsed(waitLeft) });
  else if (message?.kind === 'empty') text = t.t('gate.password.empty');
  else if (message?.kind === 'wrong') {
    text =
      message.attemptsLeft === null || message.attemptsLeft > 0
        ? message.attemptsLeft === null
          ? t.error('password-required').what
          : t.plural('gate.password.wrong', message.attemptsLeft)
        : t.t('gate.password.wrongLast');
  } else if (message?.kind === 'error') {
    const words = t.error(message.code);
    text = `${words.what} ${words.todo}`;
  }

  return (
    <form className="gate__form" onSubmit={(e) => void submit(e)} noValidate>
      {again && (
        <p className="notice notice--info" role="status">
          {t.t('gate.password.again')}
        </p>
      )}
      <p>{t.t('gate.password.body')}</p>
      <div className="gate__field">
        <label htmlFor={`${id}-password`}>{t.t('gate.password.label')}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          value={password}
          aria-invalid={message !== null && message.kind !== 'error' ? true : undefined}
          aria-describedby={text ? `${id}-message` : undefined}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="gate-password"
        />
      </div>
      <p
        id={`${id}-message`}
        className={text ? 'gate__error' : 'visually-hidden'}
        role="alert"
        data-testid="gate-password-message"
      >
        {text}
      </p>
      <div className="gate__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy || waiting ? true : undefined}
          data-testid="gate-unlock"
        >
          {busy ? t.t('gate.password.checking') : t.t('gate.password.submit')}
        </button>
      </div>
    </form>
  );
}
