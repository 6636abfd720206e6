import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { parseRoute } from './app/parse-route';
import { embedUploadPage, uploadArea } from './app/lazy-modules';
import { applyThemeChoice, readThemeChoice } from './app/theme-choice';
import { ConfigErrorScreen } from './config/config-error-screen';
import { loadConfig } from './config/load-config';
import { loadCatalogue } from './i18n/create-translator';
import { detectLocale, LOCALE_STORAGE_KEY } from './i18n/detect-locale';
import { LOCALES } from './i18n/locales';
import { readStored } from './i18n/safe-storage';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

async function start() {
  const route = parseRoute(location.pathname);
  // Start fetching the upload area (and the embed bridge) now, alongside config.json and the
  // link, so it is there by the time the link is; the page does not wait for it otherwise.
  if (route.page === 'upload') {
    void uploadArea().catch(() => {});
    if (route.compact) void embedUploadPage().catch(() => {});
  }
  const detected = detectLocale({
    search: location.search,
    stored: readStored(LOCALE_STORAGE_KEY),
    languages: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
  document.documentElement.lang = detected;
  applyThemeChoice(readThemeChoice());

  const root = createRoot(document.getElementById('root')!);
  // The chosen language's words arrive with the config, before anything is shown: no flash
  // of English for a Chinese reader. If they cannot be fetched, the page speaks English.
  const [result, initialLocale] = await Promise.all([
    loadConfig(),
    loadCatalogue(detected).then(
      () => detected,
      () => 'en' as const,
    ),
  ]);
  document.documentElement.lang = initialLocale;
  // The config error screen speaks every language at once.
  if (!result.ok) await Promise.allSettled(LOCALES.map(loadCatalogue));
  root.render(
    <StrictMode>
      {result.ok ? (
        <App config={result.config} route={route} initialLocale={initialLocale} />
      ) : (
        <ConfigErrorScreen url={result.url} problem={result.problem} />
      )}
    </StrictMode>,
  );
}

void start();
