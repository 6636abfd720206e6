import { createContext } from 'react';
import { createTranslator, type Translator } from './create-translator';
import type { Locale } from './locales';

export interface I18nValue {
  t: Translator;
  locale: Locale;
  setLocale(locale: Locale): void;
}

/** Without a provider (isolated component tests) the portal speaks English. */
export const I18nContext = createContext<I18nValue>({
  t: createTranslator('en'),
  locale: 'en',
  setLocale: () => {},
});
