import { useEffect, useLayoutEffect, useMemo } from 'react';
import type { LinkClosedCode } from '../../protocol/error-codes';
import type { PortalConfig } from '../../protocol/schemas';
import { applyEmbedAppearance } from '../features/embed/apply-embed-appearance';
import { EmbedGate } from '../features/embed/embed-gate';
import { parseEmbedParams } from '../features/embed/embed-params';
import { useEmbedBridge } from '../features/embed/use-embed-bridge';
import { errorCodeOf } from '../features/link/error-code-of';
import { LinkGate } from '../features/link/link-gate';
import { LINK_PAGE_CODES } from '../features/link/link-page-codes';
import { useLink } from '../features/link/use-link';
import { useI18n } from '../i18n/use-i18n';
import { createPortalWiring } from './portal-wiring';
import { OpenLink } from './upload-page';

/**
 * `/embed/<token>`: the upload page inside a host's iframe. The embed bridge decides whether
 * the framing page may use the link and tells it what happens (docs/embedding.md); the
 * host's theme, accent and background parameters are applied before the first paint.
 */
export function EmbedUploadPage({ token, config }: { token: string; config: PortalConfig }) {
  const { t } = useI18n();
  const wiring = useMemo(() => createPortalWiring(config, token), [config, token]);
  const { bridge, access } = useEmbedBridge((code) => t.error(code).what);
  useLayoutEffect(() => applyEmbedAppearance(parseEmbedParams(location.search)), []);

  // The same query LinkGate reads (shared cache): the bridge needs the link's origins and fate.
  const query = useLink(wiring.link, token !== '');
  const errorCode = query.isError ? (errorCodeOf(query.error) ?? 'unknown') : null;
  useEffect(() => {
    if (token === '') {
      bridge.linkFailed('link-missing', false);
    } else if (query.data) {
      const { link } = query.data;
      bridge.linkReady(
        { title: link.title, expiresAt: link.expiresAt, limits: link.limits },
        link.embedOrigins ?? [],
      );
    } else if (errorCode !== null) {
      bridge.linkFailed(errorCode, !LINK_PAGE_CODES.has(errorCode));
    }
  }, [bridge, token, query.data, errorCode]);

  const onClosed = useMemo(
    () => (code: LinkClosedCode) => bridge.linkFailed(code, false),
    [bridge],
  );
  const page = (
    <LinkGate token={token} source={wiring.link}>
      {(loaded) => (
        <OpenLink
          loaded={loaded}
          wiring={wiring}
          attachEngine={bridge.attach}
          attachSession={bridge.attachSubmission}
          onClosed={onClosed}
        />
      )}
    </LinkGate>
  );
  // A link that failed to load reveals nothing; its explanation may show while checking.
  return (
    <EmbedGate access={access} pending={errorCode !== null || token === '' ? page : undefined}>
      {page}
    </EmbedGate>
  );
}
