import type { ReactNode } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { DisplaySettings } from './display-settings';
import { useSiteTitle } from './use-document-title';

/**
 * The page around every route. Compact (`/embed/…`) drops the chrome so the portal fits an
 * iframe, but still names the portal's own origin: a framing page must not be able to pass
 * the upload form off as its own without the visitor being told whose it is.
 */
export function PageShell({ compact, children }: { compact: boolean; children: ReactNode }) {
  const { t } = useI18n();
  useSiteTitle(t.t('app.name'));
  if (compact) {
    return (
      <div className="shell shell--compact">
        <main id="main" className="page">
          {children}
        </main>
        <p className="embed-origin muted">{t.t('link.embeddedVia', { origin: location.host })}</p>
      </div>
    );
  }
  return (
    <div className="shell">
      <header className="topbar">
        <a className="topbar__brand" href="/">
          <svg className="topbar__logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="9" />
            <path d="M16 22V11m0 0-4.5 4.5M16 11l4.5 4.5M10 23.5h12" />
          </svg>
          {t.t('app.name')}
        </a>
        <DisplaySettings />
      </header>
      <main id="main" className="page">
        {children}
      </main>
      <footer className="footer muted">{t.t('app.tagline')}</footer>
    </div>
  );
}
