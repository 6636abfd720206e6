import { Suspense, useEffect, useMemo, type ComponentProps } from 'react';
import type { PortalConfig } from '../../protocol/schemas';
import { LinkGate } from '../features/link/link-gate';
import { LinkHeader } from '../features/link/link-header';
import type { LoadedLink } from '../features/link/use-link';
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
  /** Called when the link expires while the page is open. */
  onClosed?: () => void;
}) {
  const { link, serverOffset } = loaded;
  const { t } = useI18n();
  usePageTitle(link.title.trim(), t.t('app.name'));
  // Re-renders only when the answer flips, not every second.
  const closed = useNow((now) => link.expiresAt !== null && now + serverOffset >= link.expiresAt);
  useEffect(() => {
    if (closed) onClosed?.();
  }, [closed, onClosed]);
  return (
    <>
      <LinkHeader link={link} serverOffset={serverOffset} limitsId={LIMITS_ID} />
      {/* The header shows as soon as the link is known; the dropzone's frame holds its place. */}
      <Suspense
        fallback={<UploadAreaPlaceholder closed={closed} gated={link.submission !== undefined} />}
      >
        <LazyUploadArea
          link={link}
          wiring={wiring}
          attachEngine={attachEngine}
          attachSession={attachSession}
          limitsId={LIMITS_ID}
          closed={closed}
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
