/**
 * Appearance parameters of an embed URL (`/embed/<token>?theme=dark&accent=0b7285`), chosen by
 * the host. Each is checked against a closed set or a strict pattern; anything else is ignored,
 * so nothing from the URL ever reaches CSS or markup as written. (`lang` is read with the
 * locale, see i18n/detect-locale.ts.)
 */

export type EmbedTheme = 'light' | 'dark' | 'auto';
export type EmbedBackground = 'transparent' | 'themed';

export interface EmbedParams {
  /** null: not given (the embed then follows the device, like `auto`). */
  theme: EmbedTheme | null;
  /** `#rrggbb`, lowercase, or null. */
  accent: string | null;
  background: EmbedBackground;
}

const THEMES: readonly EmbedTheme[] = ['light', 'dark', 'auto'];
const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#1e88e5`, `1e88e5` and `#18e` → `#1e88e5`; anything else → null. */
export function parseAccent(value: string | null): string | null {
  const digits = value === null ? undefined : HEX.exec(value.trim())?.[1]?.toLowerCase();
  if (!digits) return null;
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return `#${full}`;
}

export function parseEmbedParams(search: string): EmbedParams {
  const params = new URLSearchParams(search);
  const theme = params.get('theme');
  return {
    theme: THEMES.includes(theme as EmbedTheme) ? (theme as EmbedTheme) : null,
    accent: parseAccent(params.get('accent')),
    background: params.get('background') === 'themed' ? 'themed' : 'transparent',
  };
}

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * CSS custom properties for an accent colour: the colour itself for buttons, links and the
 * focus ring, and black or white text on it, whichever reads better.
 */
export function accentProperties(accent: string): Record<string, string> {
  const onAccent =
    contrastRatio(accent, '#ffffff') >= contrastRatio(accent, '#000000') ? '#ffffff' : '#000000';
  return {
    '--color-accent': accent,
    '--color-focus': accent,
    '--color-on-accent': onAccent,
    '--color-accent-soft': `color-mix(in srgb, ${accent} 14%, var(--color-surface))`,
  };
}
