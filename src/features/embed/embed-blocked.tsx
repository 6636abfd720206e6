import { useI18n } from '../../i18n/use-i18n';

/**
 * Shown instead of the upload box when the page framing it is not one the link allows (or
 * cannot be identified). Names no link details: the framing page learns nothing from it.
 */
export function EmbedBlocked() {
  const { t } = useI18n();
  return (
    <section className="card card--error" data-embed-blocked="" aria-labelledby="embed-blocked">
      <h1 id="embed-blocked" className="card__title">
        {t.t('embed.blocked.title')}
      </h1>
      <p>{t.t('embed.blocked.body')}</p>
    </section>
  );
}
