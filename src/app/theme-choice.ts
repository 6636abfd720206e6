import { readStored, writeStored } from '../i18n/safe-storage';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const THEME_STORAGE_KEY = 'cos-upload-portal.theme';

export function readThemeChoice(): ThemeChoice {
  const stored = readStored(THEME_STORAGE_KEY);
  return (THEME_CHOICES as readonly string[]).includes(stored ?? '')
    ? (stored as ThemeChoice)
    : 'system';
}

/**
 * `data-theme` on <html> pins light or dark; without it the stylesheet follows
 * prefers-color-scheme (see styles/tokens.css, which uses `color-scheme` + `light-dark()`).
 */
export function applyThemeChoice(choice: ThemeChoice, remember = false): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  if (remember) writeStored(THEME_STORAGE_KEY, choice);
}
