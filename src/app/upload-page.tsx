import { useCallback, useEffect, useMemo } from 'react';
import type { PortalConfig } from '../../protocol/schemas';
import { LinkGate } from '../features/link/link-gate';
import { LinkHeader } from '../features/link/link-header';
import type { LoadedLink } from '../features/link/use-link';
import { UploadPanel } from '../features/upload/components/upload-panel';
import type { UploadEngine } from '../features/upload/engine/types';
import { useNow } from '../i18n/use-now';
import { createPortalWiring, type PortalWiring } from './portal-wiring';

const LIMITS_ID = 'link-limits';

export function OpenLink({
  loaded,
  wiring,
  attachEngine,
  onClosed,
}: {
  loaded: LoadedLink;
  wiring: PortalWiring;
  /** Embed mode: hands each engine to the embed bridge, which reports on it to the host. */
  attachEngine?: (engine: UploadEngine) => UploadEngine;
  /** Called when the link expires while the page is open. */
  onClosed?: () => void;
}) {
  const { link, serverOffset } = loaded;
  // Re-renders only when the answer flips, not every second.
  const closed = useNow((now) => link.expiresAt !== null && now + serverOffset >= link.expiresAt);
  const createEngine = useCallback(() => {
    const engine = wiring.createEngine(link);
    return attachEngine ? attachEngine(engine) : engine;
  }, [wiring, link, attachEngine]);
  useEffect(() => {
    if (closed) onClosed?.();
  }, [closed, onClosed]);
  return (
    <>
      <LinkHeader link={link} serverOffset={serverOffset} limitsId={LIMITS_ID} />
      <UploadPanel createEngine={createEngine} limitsId={LIMITS_ID} closed={closed} />
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
