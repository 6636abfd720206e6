/**
 * Types for the COS upload portal's embed loader, `embed.js` (served next to this file as
 * `/embed.d.ts`). Embed protocol version 1; the full contract is in docs/embedding.md.
 *
 * Use them with `import type { PortalEmbed } from './embed';` (or a triple-slash reference):
 * the loader itself is a plain script that sets `window.CosUploadPortal`.
 */
// The messages come from the wire contract itself; the build puts them into this file for
// hosts (embed-loader/host-declarations.ts), so they are written once.
export type * from '../../protocol/embed-messages';
import type {
  AllDoneEvent,
  FileAddedEvent,
  FileDoneEvent,
  FileFailedEvent,
  LinkErrorEvent,
  PortalEvent,
  PortalEventType,
  ProgressEvent,
  ReadyEvent,
} from '../../protocol/embed-messages';

/** Each event type with its event, for `on(type, listener)`. */
export type PortalEventMap = { [K in PortalEventType]: Extract<PortalEvent, { type: K }> };

export interface EmbedOptions {
  /** The upload link: `https://portal.example.com/u/<token>` or `…/embed/<token>`. */
  link: string;
  /** Where to put the iframe: an element or a CSS selector (the iframe is appended to it). */
  target: Element | string;
  /** Default `auto`: follows the visitor's device. */
  theme?: 'light' | 'dark' | 'auto';
  /** Default: the visitor's browser language. */
  lang?: 'en' | 'zh-CN';
  /** Buttons, links and focus ring, e.g. `#0b7285`. */
  accent?: string;
  /** Default `transparent`: your page shows through. */
  background?: 'transparent' | 'themed';
  /** The iframe's accessible name. Default "Upload files". */
  title?: string;
  /** Height in CSS pixels until the portal reports its own. Default 320. */
  initialHeight?: number;
  /** Sent as `set-metadata` when the portal is ready (and again after a reload in the frame). */
  metadata?: Record<string, string>;
  /** Every event, whatever its type. */
  onEvent?(event: PortalEvent): void;
  onReady?(event: ReadyEvent): void;
  onFileAdded?(event: FileAddedEvent): void;
  onProgress?(event: ProgressEvent): void;
  onFileDone?(event: FileDoneEvent): void;
  onFileFailed?(event: FileFailedEvent): void;
  onAllDone?(event: AllDoneEvent): void;
  onLinkError?(event: LinkErrorEvent): void;
}

/** One embedded upload box. */
export interface PortalEmbed {
  readonly iframe: HTMLIFrameElement;
  /** The portal's origin: the only origin this embed talks to. */
  readonly origin: string;
  /** The current portal instance, once it has said `ready` (or `link-error`). */
  readonly instanceId: string | null;
  readonly ready: boolean;
  /** Listen to one event type; returns a function that stops listening. */
  on<K extends PortalEventType>(type: K, listener: (event: PortalEventMap[K]) => void): () => void;
  /** Pairs for the files added from now on (kept and re-sent after a reload in the frame). */
  setMetadata(metadata: Record<string, string>): void;
  reset(): void;
  pauseAll(): void;
  resumeAll(): void;
  /** Removes the iframe and stops listening. */
  destroy(): void;
}

export interface CosUploadPortalApi {
  /** Embed protocol version this loader speaks. */
  readonly version: 1;
  embed(options: EmbedOptions): PortalEmbed;
  /** The embed that owns this iframe, e.g. one created by a `<script data-link>` tag. */
  of(iframe: HTMLIFrameElement): PortalEmbed | null;
}

/** DOM events: dispatched on the iframe, bubbling, as `cos-upload:<type>` with the event as detail. */
export type PortalDomEventMap = {
  [K in PortalEventType as `cos-upload:${K}`]: CustomEvent<PortalEventMap[K]>;
};

declare global {
  interface Window {
    CosUploadPortal: CosUploadPortalApi;
  }
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends PortalDomEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends PortalDomEventMap {}
}
