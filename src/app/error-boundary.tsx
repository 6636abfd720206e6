import { Component, type ReactNode } from 'react';
import { I18nContext } from '../i18n/i18n-context';

/**
 * Last line of defence: a render error shows a plain explanation and a reload button,
 * never a blank page. The error still reaches the console (and Playwright's pageerror).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  static override contextType = I18nContext;
  declare context: React.ContextType<typeof I18nContext>;
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { t } = this.context;
    return (
      <section className="card card--error" role="alert">
        <h1 className="card__title">{t.t('crash.title')}</h1>
        <p>{t.t('crash.body')}</p>
        <button type="button" className="button button--primary" onClick={() => location.reload()}>
          {t.t('crash.reload')}
        </button>
      </section>
    );
  }
}
