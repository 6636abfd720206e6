/**
 * The embed contract's values (embed-messages.ts has its types): the protocol's name and
 * version every message carries, the meta tag that carries a link's allowed origins, the
 * event types, and the check that a message belongs to this protocol.
 */
import type { EmbedProtocol, EmbedProtocolVersion, PortalEventType } from './embed-messages';

export const EMBED_PROTOCOL: EmbedProtocol = 'cos-upload-portal';
export const EMBED_PROTOCOL_VERSION: EmbedProtocolVersion = 1;

/**
 * `<meta name="cos-embed-origins" content="origin origin…">`: the signer writes a link's allowed
 * origins into its embed page, so the portal knows them even when the link cannot be loaded.
 */
export const EMBED_ORIGINS_META = 'cos-embed-origins';

export const PORTAL_EVENT_TYPES: readonly PortalEventType[] = [
  'ready',
  'resize',
  'file-added',
  'progress',
  'file-done',
  'file-failed',
  'all-done',
  'link-error',
  'metadata-set',
  'command-rejected',
];

/** True for anything that claims to be a message of this protocol and version. */
export function isEmbedMessage(
  data: unknown,
): data is { protocol: EmbedProtocol; version: number; type: string } {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  return (
    m.protocol === EMBED_PROTOCOL &&
    m.version === EMBED_PROTOCOL_VERSION &&
    typeof m.type === 'string'
  );
}
