import type { LinkClosedCode } from '../../../protocol/error-codes';
import { useI18n } from '../../i18n/use-i18n';

/**
 * In place of the dropzone once the link is over while the page is open (revoked by its owner,
 * or expired): which it is, that what arrived is safe, and what to do. An alert, because it
 * changes what the person can do in the middle of what they were doing.
 */
export function LinkClosedNotice({ code }: { code: LinkClosedCode }) {
  const { t } = useI18n();
  const text = t.error(code);
  return (
    <section
      className="card card--error link-closed"
      role="alert"
      data-link-closed={code}
      data-testid="link-closed"
      aria-labelledby="link-closed-title"
    >
      <h2 id="link-closed-title" className="card__title">
        {text.what}
      </h2>
      <p>{t.t('link.closedKept')}</p>
      <p>{text.todo}</p>
    </section>
  );
}
