import { Suspense, useCallback, useEffect, useMemo, useState, type ComponentProps } from 'react';
import type { LinkClosedCode } from '../../protocol/error-codes';
import type { PortalConfig } from '../../protocol/schemas';
import { LinkClosedNotice } from '../features/link/link-closed-notice';
import { LinkGate } from '../features/link/link-gate';
import { LinkHeader } from '../features/link/link-header';
import type { LoadedLink } from '../features/link/use-link';
import { useLinkCheck } from '../features/link/use-link-check';
import type { UploadEngine } from '../features/upload/engine/types';
import { useI18n } from '../i18n/use-i18n';
import { useNow } from '../i18n/use-now';
import { uploadArea } from './lazy-modules';
import { createPortalWiring, type PortalWiring } from './portal-wiring';
import { usePreloaded } from './preloadable';
import type { UploadArea } from './upload-area';
import { UploadAreaPlaceholder } from './upload-area-placeholder';
import { usePageTitle } from './use-document-title';

const LIMITS_ID = 'link-limits';

function LazyUploadArea(props: ComponentProps<typeof UploadArea>) {
  const { UploadArea } = usePreloaded(uploadArea);
  return <UploadArea {...props} />;
}

export function OpenLink({
  loaded,
  wiring,
  attachEngine,
  attachSession,
  onClosed,
}: {
  loaded: LoadedLink;
  wiring: PortalWiring;
  /** Embed mode: hands each engine to the embed bridge, which reports on it to the host. */
  attachEngine?: (engine: UploadEngine) => UploadEngine;
  /** Embed mode: the bridge's hold on the submission (host's details, the close event). */
  attachSession?: ComponentProps<typeof UploadArea>['attachSession'];
  /** Called once when the link is over while the page is open (revoked or expired). */
  onClosed?: (code: LinkClosedCode) => void;
}) {
  const { link, serverOffset } = loaded;
  const { t } = useI18n();
  usePageTitle(link.title.trim(), t.t('app.name'));
  // Re-renders only when the answer flips, not every second.
  const expired = useNow((now) => link.expiresAt !== null && now + serverOffset >= link.expiresAt);
  // Any signer call of the engine, or a look at the link when the person comes back, may find
  // the link revoked or expired; the first reason sticks.
  const [closedBy, setClosedBy] = useState<LinkClosedCode | null>(null);
  const lock = useCallback((code: LinkClosedCode) => setClosedBy((before) => before ?? code), []);
  const closed = closedBy ?? (expired ? 'link-expired' : null);
  useLinkCheck(wiring.link, lock, closed === null);
  useEffect(() => {
    if (closed !== null) onClosed?.(closed);
  }, [closed, onClosed]);
  return (
    <>
      <LinkHeader
        link={link}
        serverOffset={serverOffset}
        limitsId={LIMITS_ID}
        closed={closed !== null}
      />
      {closed !== null && <LinkClosedNotice code={closed} />}
      {/* The header shows as soon as the link is known; the dropzone's frame holds its place. */}
      <Suspense
        fallback={
          <UploadAreaPlaceholder closed={closed !== null} gated={link.submission !== undefined} />
        }
      >
        <LazyUploadArea
          link={link}
          wiring={wiring}
          attachEngine={attachEngine}
          attachSession={attachSession}
          limitsId={LIMITS_ID}
          closed={closed}
          onLinkClosed={lock}
        />
      </Suspense>
    </>
  );
}

export function UploadPage({ token, config }: { token: string; config: PortalConfig }) {
  const wiring = useMemo(() => createPortalWiring(config, token), [config, token]);
  return (
    <LinkGate token={token} source={wiring.link}>
      {(loaded) => <OpenLink loaded={loaded} wiring={wiring} />}
    </LinkGate>
  );
}
