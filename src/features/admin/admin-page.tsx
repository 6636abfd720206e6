import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { PortalConfig } from '../../../protocol/schemas';
import { useI18n } from '../../i18n/use-i18n';
import { createApiClient } from '../../lib/api-client';
import { parseAdminDeepLink } from './admin-deep-link';
import { adminErrorText } from './admin-error-text';
import { ADMIN_LINKS_KEY, listLinks } from './api/list-links';
import { CreateLinkForm } from './create-link-form';
import { LinksList } from './links-list';
import { SelfTestPanel } from './self-test-panel';
import { TokenForm } from './token-form';
import { createTokenHolder } from './token-holder';
import './admin.css';
import '../../i18n/catalogue-en-submissions';

/**
 * `/admin`: the owner's page. The admin token is asked for on the page and held in memory only
 * (see token-holder.ts), so it never reaches storage, the URL or a cache key; the
 * server sends this page with `frame-ancestors 'none'`.
 */
export function AdminPage({ config }: { config: PortalConfig }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [token] = useState(createTokenHolder);
  const [open, setOpen] = useState(false);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Where a notification pointed: that link's submissions open once the token is given.
  const [deepLink] = useState(() => parseAdminDeepLink(location.search));
  const client = useMemo(
    () => createApiClient({ apiBase: config.apiBase, getToken: token.get }),
    [config.apiBase, token],
  );

  const unlock = async (candidate: string) => {
    token.set(candidate);
    setChecking(true);
    setError(null);
    try {
      // The first list both checks the token and fills the list.
      queryClient.setQueryData(ADMIN_LINKS_KEY, await listLinks(client));
      setOpen(true);
    } catch (err) {
      token.set(null);
      setError(adminErrorText(err, t));
    } finally {
      setChecking(false);
    }
  };

  const lock = () => {
    token.set(null);
    queryClient.removeQueries({ queryKey: ['admin'] });
    setOpen(false);
  };

  return (
    <div className="admin" data-testid="admin-page">
      <section className="card admin-section">
        <h1 className="card__title">{t.t('admin.title')}</h1>
        <p>{t.t('admin.intro')}</p>
        {open ? (
          <button className="button button--quiet" type="button" onClick={lock}>
            {t.t('admin.lock')}
          </button>
        ) : (
          <TokenForm onSubmit={(value) => void unlock(value)} busy={checking} error={error} />
        )}
      </section>
      {open && (
        <>
          <SelfTestPanel client={client} />
          <CreateLinkForm client={client} />
          <LinksList client={client} focus={deepLink} />
        </>
      )}
    </div>
  );
}
