import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createTranslator } from './create-translator';
import { LOCALE_STORAGE_KEY } from './detect-locale';
import { I18nContext, type I18nValue } from './i18n-context';
import type { Locale } from './locales';
import { writeStored } from './safe-storage';

export function I18nProvider({
  initialLocale,
  children,
}: {
  initialLocale: Locale;
  children: ReactNode;
}) {
  const [locale, setLocaleState] = useState(initialLocale);

  // Screen readers pick their voice from <html lang>; keep it in step with the words shown.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      t: createTranslator(locale),
      locale,
      setLocale(next) {
        writeStored(LOCALE_STORAGE_KEY, next);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
