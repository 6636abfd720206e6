import { isLocale, type Locale } from './locales';

export const LOCALE_STORAGE_KEY = 'cos-upload-portal.locale';

/** Maps a BCP 47 tag to a supported locale: any Chinese → zh-CN, any English → en. */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

export interface LocaleSources {
  /** `location.search`; `?lang=en|zh-CN` wins for this page view (an embedding host may set it). */
  search: string;
  /** What the person chose earlier with the switch. */
  stored: string | null;
  /** `navigator.languages`, most preferred first. */
  languages: readonly string[];
}

export function detectLocale({ search, stored, languages }: LocaleSources): Locale {
  const requested = new URLSearchParams(search).get('lang');
  if (requested) {
    const match = isLocale(requested) ? requested : matchLocale(requested);
    if (match) return match;
  }
  if (isLocale(stored)) return stored;
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return 'en';
}
