/**
 * `embed.js`: the one script a host page includes. It sets `window.CosUploadPortal` (embed
 * protocol version 1) and, when its own tag carries `data-link`, embeds that link right away:
 *
 *   <script src="https://upload.example.com/embed.js" data-link="https://upload.example.com/u/…"></script>
 *
 * The iframe goes after the tag, or into `data-target` (a CSS selector). `data-theme`,
 * `data-lang`, `data-accent`, `data-background` and `data-title` map to the options of
 * `CosUploadPortal.embed()`. Events bubble from the iframe as `cos-upload:<type>` DOM events.
 * A second copy of the script reuses the first one's API, so `of()` knows every embed.
 */
import { EMBED_PROTOCOL_VERSION } from '../protocol/embed-protocol';
import { createEmbed, registry } from './create-embed';
import type { CosUploadPortalApi, EmbedOptions } from './types/embed';

function install(): CosUploadPortalApi {
  const api: CosUploadPortalApi = {
    version: EMBED_PROTOCOL_VERSION,
    embed: (options) => createEmbed(options),
    of: (iframe) => registry.get(iframe) ?? null,
  };
  Object.defineProperty(window, 'CosUploadPortal', { value: Object.freeze(api) });
  return api;
}

/** The one-tag form: the options come from the script tag's data attributes. */
function embedFromTag(api: CosUploadPortalApi, script: HTMLScriptElement): void {
  const data = script.dataset;
  if (!data.link) return;
  let target: Element | string;
  if (data.target) {
    target = data.target;
  } else {
    // Right after the tag: a wrapper keeps the iframe in the tag's place in the page flow.
    target = document.createElement('div');
    script.after(target);
  }
  const options: EmbedOptions = { link: data.link, target };
  if (data.theme) options.theme = data.theme as EmbedOptions['theme'];
  if (data.lang) options.lang = data.lang as EmbedOptions['lang'];
  if (data.accent) options.accent = data.accent;
  if (data.background) options.background = data.background as EmbedOptions['background'];
  if (data.title) options.title = data.title;
  api.embed(options);
}

const api = (window.CosUploadPortal as CosUploadPortalApi | undefined) ?? install();
const script = document.currentScript;
if (script instanceof HTMLScriptElement) embedFromTag(api, script);
