import type { LinkLimits } from '../../../../protocol/schemas';
import { useI18n } from '../../../i18n/use-i18n';

/**
 * In place of the dropzone while nothing more fits into the link (its files or its bytes are
 * all used): said before anyone drops, instead of a dropzone that refuses every file.
 */
export function LinkFull({ full, limits }: { full: 'files' | 'bytes'; limits: LinkLimits }) {
  const { t } = useI18n();
  const why =
    full === 'files'
      ? t.plural('link.full.files', limits.maxFiles ?? 0)
      : t.t('link.full.bytes', { size: t.bytes(limits.maxTotalBytes ?? 0) });
  return (
    <section
      className="card card--warning link-full"
      data-testid="link-full"
      data-full={full}
      aria-labelledby="link-full-title"
    >
      <h2 id="link-full-title" className="card__title">
        {t.t('link.full.title')}
      </h2>
      <p>{why}</p>
      <p>{t.t('link.full.todo')}</p>
    </section>
  );
}
