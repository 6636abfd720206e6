import { useId, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import '../submission.css';
import '../../../i18n/catalogue-en-submissions';

export interface PageActivity {
  /** Files added on the page that have not settled (queued, signing, uploading, paused, verifying). */
  active: number;
  failed: number;
  done: number;
}

/**
 * Finish (closes the submission and shows the receipt) and "Receipt so far". Finish waits
 * until nothing is in flight, and says why while it waits: it stays focusable
 * (aria-disabled), so a keyboard or screen-reader user can find it and hear the reason.
 */
export function FinishBar({
  activity,
  opened,
  idleSeconds,
  onFinish,
  onShowReceipt,
}: {
  activity: PageActivity;
  /** A submission is open (something was signed in it). */
  opened: boolean;
  idleSeconds: number;
  onFinish(): Promise<void>;
  onShowReceipt(): Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState<'finish' | 'receipt' | null>(null);
  const [error, setError] = useState<{
    key: 'finish.error' | 'finish.soFarError';
    code: string | null;
  } | null>(null);
  const blocked = !opened || activity.active > 0;

  let why: string;
  if (!opened) why = t.t('finish.nothing');
  else if (activity.active > 0) why = t.plural('finish.busy', activity.active);
  else if (activity.failed > 0) why = t.plural('finish.failed', activity.failed);
  else
    why = `${t.t('finish.ready')} ${t.t('finish.idle', { duration: t.elapsed(idleSeconds * 1000) })}`;

  const run = async (what: 'finish' | 'receipt') => {
    if (busy) return;
    setBusy(what);
    setError(null);
    try {
      await (what === 'finish' ? onFinish() : onShowReceipt());
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      setError({
        key: what === 'finish' ? 'finish.error' : 'finish.soFarError',
        code: typeof code === 'string' ? code : null,
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card finish" aria-labelledby={`${id}-title`} data-testid="finish-bar">
      <h2 className="card__title" id={`${id}-title`}>
        {t.t('finish.title')}
      </h2>
      <p id={`${id}-why`} data-testid="finish-why">
        {why}
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          aria-disabled={blocked || busy !== null ? true : undefined}
          aria-describedby={`${id}-why`}
          onClick={() => {
            if (!blocked) void run('finish');
          }}
          data-testid="finish"
        >
          {busy === 'finish' ? t.t('finish.finishing') : t.t('finish.button')}
        </button>
        {opened && (
          <button
            type="button"
            className="button"
            aria-disabled={busy !== null ? true : undefined}
            onClick={() => void run('receipt')}
            data-testid="receipt-so-far"
          >
            {busy === 'receipt' ? t.t('finish.loading') : t.t('finish.soFar')}
          </button>
        )}
      </div>
      {error && (
        <p className="notice notice--problem" role="alert">
          {t.t(error.key, { reason: t.error(error.code).what })}
        </p>
      )}
    </section>
  );
}
