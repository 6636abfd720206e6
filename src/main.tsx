import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { parseRoute } from './app/parse-route';
import { applyThemeChoice, readThemeChoice } from './app/theme-choice';
import { ConfigErrorScreen } from './config/config-error-screen';
import { loadConfig } from './config/load-config';
import { detectLocale, LOCALE_STORAGE_KEY } from './i18n/detect-locale';
import { readStored } from './i18n/safe-storage';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';

async function start() {
  const initialLocale = detectLocale({
    search: location.search,
    stored: readStored(LOCALE_STORAGE_KEY),
    languages: navigator.languages?.length ? navigator.languages : [navigator.language],
  });
  document.documentElement.lang = initialLocale;
  applyThemeChoice(readThemeChoice());

  const root = createRoot(document.getElementById('root')!);
  const result = await loadConfig();
  root.render(
    <StrictMode>
      {result.ok ? (
        <App
          config={result.config}
          route={parseRoute(location.pathname)}
          initialLocale={initialLocale}
        />
      ) : (
        <ConfigErrorScreen url={result.url} problem={result.problem} />
      )}
    </StrictMode>,
  );
}

void start();
