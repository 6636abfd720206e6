import type { AdminLink } from '../../../protocol/admin';
import { useI18n } from '../../i18n/use-i18n';

/** What a link has taken so far, against its limits where it has them, and what is on its way. */
export function LinkUsage({ link }: { link: Pick<AdminLink, 'limits' | 'usage' | 'inFlight'> }) {
  const { t } = useI18n();
  const files =
    link.limits.maxFiles === null
      ? t.plural('count.files', link.usage.files)
      : t.t('admin.links.usedFiles', {
          files: t.plural('count.files', link.usage.files),
          max: link.limits.maxFiles,
        });
  const bytes =
    link.limits.maxTotalBytes === null
      ? t.bytes(link.usage.bytes)
      : t.t('admin.links.usedBytes', {
          size: t.bytes(link.usage.bytes),
          max: t.bytes(link.limits.maxTotalBytes),
        });
  return (
    <p className="muted">
      {files}
      {t.t('list.separator')}
      {bytes}
      {link.inFlight && link.inFlight.files > 0 && (
        <>
          {t.t('list.separator')}
          {t.t('admin.links.inFlight', { files: t.plural('count.files', link.inFlight.files) })}
        </>
      )}
    </p>
  );
}
