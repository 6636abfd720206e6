import type { AxiosInstance } from 'axios';
import { useId, useState } from 'react';
import type { AdminLink } from '../../../protocol/admin';
import { useI18n } from '../../i18n/use-i18n';
import { useNow } from '../../i18n/use-now';
import { adminErrorText } from './admin-error-text';
import { useAdminLinks } from './api/list-links';
import { useRevokeLink } from './api/revoke-link';
import { CopyField } from './copy-field';
import type { AdminDeepLink } from './admin-deep-link';
import { LinkAsks } from './link-asks';
import { LinkUsage } from './link-usage';
import { NotificationsPanel } from './notifications-panel';
import { LinkSubmissions } from './link-submissions';
import { UnverifiedNotice } from './unverified-notice';

type LinkState = 'open' | 'expired' | 'revoked';

export function stateOf(link: AdminLink, nowMs: number): LinkState {
  if (link.revoked) return 'revoked';
  if (link.expiresAt !== null && nowMs >= link.expiresAt) return 'expired';
  return 'open';
}

function LinkRow({
  link,
  client,
  focus,
}: {
  link: AdminLink;
  client: AxiosInstance;
  /** Opened from `/admin?link=…`: its submissions show at once. */
  focus?: AdminDeepLink;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [notifyOpen, setNotifyOpen] = useState(false);
  const notifyId = useId();
  const revoke = useRevokeLink(client);
  // Re-renders when the link passes its expiry, not every second.
  const state = useNow((now) => stateOf(link, now));
  const title = link.title || t.t('admin.links.untitled');
  return (
    <li className="admin-link" data-testid="link-row" data-link-id={link.id} data-state={state}>
      <div className="admin-link__head">
        <strong>{title}</strong>
        <span className={`admin-badge admin-badge--${state}`}>
          {t.t(`admin.links.state.${state}`)}
        </span>
      </div>
      <LinkUsage link={link} />
      {link.embedOrigins.length > 0 && (
        <p className="muted">
          {t.t('admin.links.embedOrigins', { origins: t.list(link.embedOrigins, 'conjunction') })}
        </p>
      )}
      <UnverifiedNotice unverified={link.unverified} />
      <p className="muted">
        {link.revoked
          ? t.t('admin.links.revokedAt', { date: t.dateTime(link.revoked.at) })
          : link.expiresAt === null
            ? t.t('admin.links.noExpiry')
            : t.t('admin.links.expires', { date: t.dateTime(link.expiresAt) })}
      </p>
      {link.submission && <LinkAsks settings={link.submission} />}
      {link.url && state === 'open' ? (
        <CopyField value={link.url} label={t.t('admin.links.address', { title })} />
      ) : (
        !link.url && <p className="muted">{t.t('admin.links.noUrl')}</p>
      )}
      {state !== 'revoked' &&
        (confirming ? (
          <div className="confirm" role="group">
            <p>{t.t('admin.links.revokeConfirm', { title })}</p>
            <button
              className="button button--danger"
              type="button"
              data-testid="revoke-yes"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(link.id, { onSettled: () => setConfirming(false) })}
            >
              {t.t('admin.links.revokeYes')}
            </button>{' '}
            <button className="button" type="button" onClick={() => setConfirming(false)}>
              {t.t('admin.links.revokeNo')}
            </button>
          </div>
        ) : (
          <button
            className="button button--quiet"
            type="button"
            data-testid="revoke"
            onClick={() => setConfirming(true)}
          >
            {t.t('admin.links.revoke')}
          </button>
        ))}
      <LinkSubmissions
        client={client}
        linkId={link.id}
        linkTitle={title}
        initiallyOpen={focus !== undefined}
        initialSubmission={focus?.submissionId}
      />
      <button
        className="button button--quiet"
        type="button"
        data-testid="notify-toggle"
        aria-expanded={notifyOpen}
        aria-controls={notifyId}
        onClick={() => setNotifyOpen((open) => !open)}
      >
        {t.t('admin.notify.toggle')}
      </button>
      <div id={notifyId} hidden={!notifyOpen}>
        {notifyOpen && <NotificationsPanel client={client} linkId={link.id} />}
      </div>
      {revoke.isError && (
        <p className="notice card--error" role="alert">
          {adminErrorText(revoke.error, t)}
        </p>
      )}
    </li>
  );
}

export function LinksList({
  client,
  focus,
}: {
  client: AxiosInstance;
  /** `/admin?link=…&submission=…`: the link whose submissions to open. */
  focus?: AdminDeepLink | null;
}) {
  const { t } = useI18n();
  const links = useAdminLinks(client);
  const missing =
    focus && links.isSuccess && !links.data.links.some((l) => l.id === focus.linkId)
      ? focus.linkId
      : null;
  return (
    <section className="card admin-section" aria-labelledby="admin-links-title">
      <div className="admin-section__head">
        <h2 id="admin-links-title" className="card__title">
          {t.t('admin.links.title')}
        </h2>
        <button
          className="button button--quiet"
          type="button"
          onClick={() => void links.refetch()}
          disabled={links.isFetching}
        >
          {t.t('admin.links.refresh')}
        </button>
      </div>
      {links.isPending && <p className="muted">{t.t('admin.links.loading')}</p>}
      {links.isError && (
        <p className="notice card--error" role="alert">
          {adminErrorText(links.error, t)}
        </p>
      )}
      {missing && (
        <p className="notice card--error" role="alert">
          {t.t('admin.subs.linkMissing', { id: missing })}
        </p>
      )}
      {links.isSuccess &&
        (links.data.links.length === 0 ? (
          <p className="muted">{t.t('admin.links.empty')}</p>
        ) : (
          <ul className="admin-links" data-testid="admin-links">
            {links.data.links.map((link) => (
              <LinkRow
                key={link.id}
                link={link}
                client={client}
                focus={focus?.linkId === link.id ? focus : undefined}
              />
            ))}
          </ul>
        ))}
    </section>
  );
}
