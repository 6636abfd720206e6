import { useI18n } from '../i18n/use-i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="not-found-title">
      <h1 id="not-found-title" className="card__title">
        {t.t('notFound.title')}
      </h1>
      <p>{t.t('notFound.body')}</p>
      <p>
        <a href="/">{t.t('notFound.home')}</a>
      </p>
    </section>
  );
}
