import { useI18n } from '../../i18n/use-i18n';
import { useNow } from '../../i18n/use-now';

/** How long the link stays valid, by the signer's clock (local now + serverOffset). */
export function LinkCountdown({
  expiresAt,
  serverOffset,
}: {
  expiresAt: number | null;
  serverOffset: number;
}) {
  const { t } = useI18n();
  const secondsLeft = useNow((now) =>
    expiresAt === null ? null : Math.max(0, Math.ceil((expiresAt - now - serverOffset) / 1000)),
  );
  if (expiresAt === null || secondsLeft === null) {
    return <p className="link-header__expiry">{t.t('link.noExpiry')}</p>;
  }
  if (secondsLeft === 0) {
    return (
      <p className="link-header__expiry link-header__expiry--expired">{t.t('link.expired')}</p>
    );
  }
  // The same instant on the local clock, for the date shown next to the countdown.
  const localExpiry = expiresAt - serverOffset;
  return (
    <p className="link-header__expiry">
      {t.t('link.expiresIn', { duration: t.duration(secondsLeft * 1000) })}{' '}
      <time className="muted" dateTime={new Date(localExpiry).toISOString()}>
        ({t.t('link.expiresAt', { date: t.dateTime(localExpiry) })})
      </time>
    </p>
  );
}
