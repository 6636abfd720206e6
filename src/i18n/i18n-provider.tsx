import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createTranslator, hasCatalogue, loadCatalogue } from './create-translator';
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
  // The last language asked for wins, even if an earlier one's words arrive after it.
  const wanted = useRef(initialLocale);

  // Screen readers pick their voice from <html lang>; keep it in step with the words shown:
  // set in the same commit as the words (a passive effect would run a frame later).
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      t: createTranslator(locale),
      locale,
      setLocale(next) {
        writeStored(LOCALE_STORAGE_KEY, next);
        wanted.current = next;
        // The page switches once the words are there, never through a half-English state.
        if (hasCatalogue(next)) setLocaleState(next);
        else
          loadCatalogue(next).then(
            () => {
              if (wanted.current === next) setLocaleState(next);
            },
            // Offline or a failed chunk: stay in the current language; choosing again retries.
            () => {},
          );
      },
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
