import type { AdminLink } from '../../../protocol/admin';
import { useI18n } from '../../i18n/use-i18n';

/**
 * Files that landed in the link's folder but were never completed (a page closed first, for
 * example): how many, how large, and what the owner can do about them; said plainly when the
 * signer could not look.
 */
export function UnverifiedNotice({ unverified }: { unverified: AdminLink['unverified'] }) {
  const { t } = useI18n();
  if (unverified === null) {
    return (
      <p className="muted" data-testid="unverified">
        {t.t('admin.links.unverifiedUnknown')}
      </p>
    );
  }
  if (unverified.files === 0) return null;
  return (
    <div className="notice notice--question" data-testid="unverified">
      <div className="notice__text">
        <p>
          {t.plural('admin.links.unverified', unverified.files, {
            size: t.bytes(unverified.bytes),
          })}
        </p>
        <p className="muted">{t.t('admin.links.unverifiedHint')}</p>
      </div>
    </div>
  );
}
