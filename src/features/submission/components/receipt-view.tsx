import { useEffect, useId, useRef } from 'react';
import type { SubmissionReceipt } from '../../../../protocol/submissions';
import type { Translator } from '../../../i18n/create-translator';
import { useI18n } from '../../../i18n/use-i18n';
import { saveFile } from '../../../lib/save-file';
import { receiptContent, type ReceiptContent } from '../receipt-content';
import { receiptDocument } from '../receipt-document';
import '../submission.css';
import '../../../i18n/catalogue-en-submissions';

/** The receipt as a page of its own, saved by the browser (receipt-document.ts). */
function saveReceipt(id: string, content: ReceiptContent, locale: string, t: Translator) {
  const html = receiptDocument(content, {
    lang: locale,
    generated: t.t('receipt.generated', { date: t.dateTime(Date.now()) }),
    columns: {
      name: t.t('receipt.name'),
      size: t.t('receipt.size'),
      crc64: t.t('receipt.crc64'),
      status: t.t('receipt.status'),
    },
  });
  saveFile(new Blob([html], { type: 'text/html;charset=utf-8' }), `receipt-${id}.html`);
}

/**
 * The contributor's receipt: the submission id, when, who, and each file with its size and
 * CRC-64 ("stored and verified") or why it failed. It can be printed (the print style sheet
 * prints this section alone) and saved as a page of its own, in the page's language. Shown
 * after Finish (with "Start a new submission") and on demand while the submission is open.
 */
export function ReceiptView({
  receipt,
  linkTitle,
  onNew,
  onHide,
  takeFocus,
}: {
  receipt: SubmissionReceipt;
  linkTitle: string;
  /** Once closed: files sent next go into a new submission. */
  onNew?: () => void;
  /** While open ("receipt so far"): put it away. */
  onHide?: () => void;
  takeFocus: boolean;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const soFar = receipt.state === 'open';
  const content = receiptContent(receipt, { linkTitle, soFar }, t);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  return (
    <section
      className="card receipt"
      aria-labelledby={`${id}-title`}
      data-testid="receipt"
      data-state={receipt.state}
    >
      <h2 className="card__title" id={`${id}-title`} ref={heading} tabIndex={-1}>
        {content.title}
      </h2>
      {!soFar && (
        <p className="notice notice--success" role="status" data-testid="receipt-done">
          {receipt.closedBy === 'idle' ? t.t('receipt.doneIdle') : t.t('receipt.done')}
        </p>
      )}
      {soFar && <p className="muted">{t.t('receipt.open')}</p>}
      <dl className="receipt__facts">
        {[...content.facts, ...content.sender].map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd
              className={'mono' in fact && fact.mono ? 'receipt__mono' : undefined}
              data-testid={fact.label === t.t('receipt.id') ? 'receipt-id' : undefined}
            >
              {fact.value}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="receipt__heading">{t.t('receipt.files')}</h3>
      {content.files.length > 0 && (
        <ul className="receipt__files" data-testid="receipt-files">
          {content.files.map((f, i) => (
            <li
              key={i}
              className="receipt__file"
              data-ok={f.ok}
              data-testid="receipt-file"
              data-name={f.name}
            >
              <span className="receipt__name">{f.name}</span>
              <span className="receipt__meta">
                <span>{t.t('receipt.sizeIs', { size: f.size })}</span>
                {f.crc64 !== null && (
                  <span className="receipt__mono" data-testid="receipt-crc64">
                    {t.t('receipt.crc64Is', { crc64: f.crc64 })}
                  </span>
                )}
                <span className={f.ok ? 'status status--done' : 'status status--failed'}>
                  {f.status}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {content.totals.map((line) => (
        <p key={line} data-testid="receipt-total">
          {line}
        </p>
      ))}
      <p className="muted">{content.checksumNote}</p>
      <div className="toolbar receipt__actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t.t('receipt.print')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => saveReceipt(receipt.id, content, locale, t)}
          data-testid="receipt-download"
        >
          {t.t('receipt.download')}
        </button>
        {onHide && (
          <button type="button" className="button button--quiet" onClick={onHide}>
            {t.t('receipt.hide')}
          </button>
        )}
        {onNew && (
          <button
            type="button"
            className="button button--primary"
            onClick={onNew}
            data-testid="receipt-new"
          >
            {t.t('receipt.new')}
          </button>
        )}
      </div>
      {onNew && <p className="muted receipt__actions">{t.t('receipt.newHint')}</p>}
    </section>
  );
}
