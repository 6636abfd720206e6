import { useI18n } from '../i18n/use-i18n';

export function LandingPage() {
  const { t } = useI18n();
  const example = `${location.origin}/u/…`;
  return (
    <section className="card landing" aria-labelledby="landing-title">
      <h1 id="landing-title" className="card__title">
        {t.t('landing.title')}
      </h1>
      <p>{t.t('landing.body', { example })}</p>
      <h2>{t.t('landing.stepsTitle')}</h2>
      <ol className="steps">
        <li>{t.t('landing.step1')}</li>
        <li>{t.t('landing.step2')}</li>
        <li>{t.t('landing.step3')}</li>
      </ol>
      <p className="muted">{t.t('landing.noLink')}</p>
    </section>
  );
}
