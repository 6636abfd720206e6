import { useI18n } from '../../i18n/use-i18n';

/** The link could not be fetched for a reason a retry may fix (network, busy server). */
export function LinkUnavailable({
  code,
  onRetry,
  retrying,
}: {
  code: string | undefined;
  onRetry(): void;
  retrying: boolean;
}) {
  const { t } = useI18n();
  const text = t.error(code);
  return (
    <section
      className="card card--warning"
      data-link-error={code ?? 'unknown'}
      aria-labelledby="link-unavailable-title"
    >
      <h1 id="link-unavailable-title" className="card__title">
        {t.t('link.loadFailed')}
      </h1>
      <p>{text.what}</p>
      <p>{text.todo}</p>
      <button
        type="button"
        className="button button--primary"
        onClick={onRetry}
        disabled={retrying}
        aria-busy={retrying}
      >
        {retrying ? t.t('link.retrying') : t.t('link.retry')}
      </button>
    </section>
  );
}
