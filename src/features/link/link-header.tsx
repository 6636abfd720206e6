import type { LinkInfo } from '../../../protocol/schemas';
import { useI18n } from '../../i18n/use-i18n';
import { describeLimits } from './describe-limits';
import { LinkCountdown } from './link-countdown';

/**
 * The owner's title and message (text only: never markup), the limits in words and how long
 * the link stays valid. `limitsId` lets the dropzone point its description at the limits.
 */
export function LinkHeader({
  link,
  serverOffset,
  limitsId,
  closed = false,
}: {
  link: LinkInfo;
  serverOffset: number;
  limitsId: string;
  /** The link is over (revoked, expired): its validity is no longer news; a notice says why. */
  closed?: boolean;
}) {
  const { t } = useI18n();
  return (
    <header className="link-header">
      <h1 className="link-header__title">{link.title.trim() || t.t('app.name')}</h1>
      {link.message.trim() && <p className="link-header__message">{link.message}</p>}
      <dl className="link-header__facts">
        <div>
          <dt>{t.t('link.limitsTitle')}</dt>
          <dd id={limitsId}>{describeLimits(link.limits, t)}</dd>
        </div>
      </dl>
      {link.usage && link.usage.files > 0 && (
        <p className="muted">
          {t.t('link.usage', {
            files: t.plural('count.files', link.usage.files),
            size: t.bytes(link.usage.bytes),
          })}
        </p>
      )}
      {!closed && <LinkCountdown expiresAt={link.expiresAt} serverOffset={serverOffset} />}
    </header>
  );
}
