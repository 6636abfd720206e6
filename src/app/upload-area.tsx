/**
 * The upload area of an open link: dropzone, file list and the engine behind them. Loaded
 * lazily (lazy-modules.ts): it is most of the portal's code and none of the first paint.
 */
import { useCallback } from 'react';
import type { LinkClosedCode } from '../../protocol/error-codes';
import type { LinkInfo } from '../../protocol/schemas';
import { UploadPanel } from '../features/upload/components/upload-panel';
import type { UploadEngine } from '../features/upload/engine/types';
import { createPortalEngine } from './create-portal-engine';
import type { PortalWiring } from './portal-wiring';

export function UploadArea({
  link,
  wiring,
  attachEngine,
  limitsId,
  closed,
  onLinkClosed,
}: {
  link: LinkInfo;
  wiring: PortalWiring;
  attachEngine?: (engine: UploadEngine) => UploadEngine;
  limitsId: string;
  closed: LinkClosedCode | null;
  onLinkClosed(code: LinkClosedCode): void;
}) {
  const createEngine = useCallback(() => {
    const engine = createPortalEngine(wiring.config, wiring.client, link);
    return attachEngine ? attachEngine(engine) : engine;
  }, [wiring, link, attachEngine]);
  return (
    <UploadPanel
      createEngine={createEngine}
      limitsId={limitsId}
      closed={closed}
      onLinkClosed={onLinkClosed}
      limits={link.limits}
    />
  );
}
