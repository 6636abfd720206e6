import { createTranslator, type Translator } from '../i18n/create-translator';
import { LOCALES } from '../i18n/locales';
import type { ConfigProblem } from './load-config';

function problemText(t: Translator, problem: ConfigProblem): string {
  switch (problem.kind) {
    case 'unreachable':
      return t.t('config.problem.unreachable', { detail: problem.detail });
    case 'status':
      return t.t('config.problem.status', { status: String(problem.status) });
    case 'not-json':
      return t.t('config.problem.notJson');
    case 'invalid':
      return t.t('config.problem.invalid');
  }
}

/**
 * Shown instead of the portal when /config.json is missing or wrong. It speaks both
 * languages at once: the language switch lives in the portal this screen replaces, and the
 * person reading it may need to forward it to whoever runs the site.
 */
export function ConfigErrorScreen({ url, problem }: { url: string; problem: ConfigProblem }) {
  return (
    <main className="page page--narrow" aria-labelledby="config-error-en">
      {LOCALES.map((locale) => {
        const t = createTranslator(locale);
        return (
          <section key={locale} lang={locale} className="card card--error">
            <h1 id={`config-error-${locale}`} className="card__title">
              {t.t('config.title')}
            </h1>
            <p>{t.t('config.body', { file: url })}</p>
            <p>
              <strong>{problemText(t, problem)}</strong>
            </p>
          </section>
        );
      })}
      {problem.kind === 'invalid' && (
        <ul className="issue-list" aria-label="config.json">
          {problem.issues.map((issue) => (
            <li key={issue}>
              <code>{issue}</code>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        {LOCALES.map((locale) => createTranslator(locale).t('config.reload')).join(' / ')}
      </button>
    </main>
  );
}
