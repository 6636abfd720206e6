import { afterEach } from 'vitest';
import { loadCatalogue } from './src/i18n/create-translator';
import { LOCALES } from './src/i18n/locales';

// Testing Library does not clean up between vitest tests by itself. Its 1 s default for
// findBy*/waitFor is too tight on a loaded 2-core CI machine running test files in parallel.
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5_000 });
}
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});

// The portal fetches every language but English on demand (main.tsx awaits the reader's one
// before the first render); tests get all of them up front. src/app/lazy-language.test.tsx
// covers the on-demand path with a fresh module.
await Promise.all(LOCALES.map(loadCatalogue));
