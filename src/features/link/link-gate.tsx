import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { errorCodeOf } from './error-code-of';
import { LinkErrorPage } from './link-error-page';
import { LINK_PAGE_CODES } from './link-page-codes';
import { LinkUnavailable } from './link-unavailable';
import { useLink, type LinkSource, type LoadedLink } from './use-link';

/**
 * Loads the link and renders `children` only for a usable one. A link the signer refuses
 * gets a page saying why; a failure a retry may fix gets a retry button.
 */
export function LinkGate({
  token,
  source,
  children,
}: {
  token: string;
  source: LinkSource;
  children(loaded: LoadedLink): ReactNode;
}) {
  const { t } = useI18n();
  const query = useLink(source, token !== '');
  // No token at all: no need to ask the signer what it would say.
  if (token === '') return <LinkErrorPage code="link-missing" />;
  if (query.data) return children(query.data);
  if (query.isError) {
    const code = errorCodeOf(query.error);
    if (code !== undefined && LINK_PAGE_CODES.has(code)) return <LinkErrorPage code={code} />;
    return (
      <LinkUnavailable
        code={code}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  return (
    <p role="status" className="page-status">
      {t.t('link.loading')}
    </p>
  );
}
