import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/use-i18n';

/** Asks for the admin token. It goes to the parent's memory only: no storage, no URL. */
export function TokenForm({
  onSubmit,
  busy,
  error,
}: {
  onSubmit(token: string): void;
  busy: boolean;
  error: string | null;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onSubmit(value.trim());
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-describedby={`${id}-note`}>
      <label htmlFor={id}>{t.t('admin.token.label')}</label>
      <div className="admin-form__row">
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          data-testid="admin-token"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button className="button button--primary" type="submit" disabled={busy || !value.trim()}>
          {t.t('admin.token.submit')}
        </button>
      </div>
      <p id={`${id}-note`} className="muted">
        {t.t('admin.token.note')}
      </p>
      {error && (
        <p className="notice card--error" role="alert" data-testid="admin-token-error">
          {error}
        </p>
      )}
    </form>
  );
}
