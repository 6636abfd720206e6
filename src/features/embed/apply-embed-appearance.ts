import { accentProperties, type EmbedParams } from './embed-params';

/**
 * Applies the host's (validated) appearance choices to <html>: `data-embed` switches on the
 * embed styles (embed.css), `data-theme` pins light or dark as the theme switch does, and the
 * accent goes in through CSSOM custom properties, never as text in a stylesheet.
 */
export function applyEmbedAppearance(
  params: EmbedParams,
  root: HTMLElement = document.documentElement,
): void {
  root.dataset.embed = '';
  root.dataset.embedBackground = params.background;
  if (params.theme === 'light' || params.theme === 'dark') root.dataset.theme = params.theme;
  else delete root.dataset.theme;
  if (params.accent) {
    for (const [name, value] of Object.entries(accentProperties(params.accent))) {
      root.style.setProperty(name, value);
    }
  }
}
