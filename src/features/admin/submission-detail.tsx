import type { AxiosInstance } from 'axios';
import { useEffect, useId, useRef } from 'react';
import { DETAIL_NAMES, type FieldValue } from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { useSubmission } from './api/link-submissions';
import '../../i18n/catalogue-en-submissions';

function valueText(value: FieldValue, t: Translator): string {
  if (typeof value === 'boolean') return value ? t.t('receipt.yes') : t.t('receipt.no');
  return typeof value === 'number' ? t.number(value) : value;
}

/**
 * One submission for its owner: who sent it and when, what they answered, each verified file
 * with a short-lived download link (a pre-signed GET, renewed while shown), and the failed ones
 * with their reason.
 */
export function SubmissionDetail({
  client,
  linkId,
  submissionId,
  onClose,
  takeFocus,
}: {
  client: AxiosInstance;
  linkId: string;
  submissionId: string;
  onClose(): void;
  takeFocus: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const query = useSubmission(client, linkId, submissionId);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [takeFocus, query.isSuccess]);

  const s = query.data?.submission;
  const facts: Array<{ label: string; value: string }> = [];
  if (s) {
    facts.push({ label: t.t('receipt.started'), value: t.dateTime(s.startedAt) });
    if (s.closedAt !== null) {
      facts.push({
        label: t.t('receipt.closed'),
        value: `${t.dateTime(s.closedAt)} (${t.t(`admin.subs.closedBy.${s.closedBy ?? 'finish'}`)})`,
      });
    }
    for (const name of DETAIL_NAMES) {
      const value = s.uploader[name];
      if (value) facts.push({ label: t.t(`detail.${name}`), value });
    }
    for (const [label, value] of Object.entries(s.fields)) {
      facts.push({ label, value: valueText(value, t) });
    }
    if (s.terms) facts.push({ label: t.t('receipt.terms'), value: t.dateTime(s.terms.acceptedAt) });
    if (s.manifestKey) facts.push({ label: t.t('admin.subs.manifest'), value: s.manifestKey });
    if (s.userAgent) facts.push({ label: t.t('admin.subs.userAgent'), value: s.userAgent });
  }
  const expires = s?.files.reduce((min, f) => Math.min(min, f.download.expiresAt), Infinity);

  return (
    <section
      className="admin-submission"
      aria-labelledby={`${id}-title`}
      data-testid="submission-detail"
      data-submission-id={submissionId}
    >
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1} className="admin-notify__title">
        {t.t('admin.subs.detailTitle', { id: submissionId })}
      </h3>
      {query.isPending && <p className="muted">{t.t('admin.subs.loading')}</p>}
      {query.isError && (
        <p className="notice card--error" role="alert">
          {(query.error as { status?: number }).status === 404
            ? t.t('admin.subs.notFound')
            : adminErrorText(query.error, t)}
        </p>
      )}
      {s && (
        <>
          <dl className="admin-facts">
            {facts.map((f) => (
              <div key={f.label}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {s.files.length === 0 ? (
            <p className="muted">{t.t('receipt.noFiles')}</p>
          ) : (
            <>
              <div
                className="admin-table-wrap"
                role="region"
                aria-label={t.t('admin.subs.filesOf', { id: submissionId })}
                tabIndex={0}
              >
                <table className="admin-table" data-testid="submission-files">
                  <thead>
                    <tr>
                      <th scope="col">{t.t('receipt.name')}</th>
                      <th scope="col">{t.t('receipt.size')}</th>
                      <th scope="col">{t.t('receipt.crc64')}</th>
                      <th scope="col">{t.t('admin.subs.col.download')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.files.map((f) => (
                      <tr key={f.key} data-testid="submission-file" data-name={f.name}>
                        <td className="admin-table__name">{f.name}</td>
                        <td className="admin-table__nowrap">{t.bytes(f.size)}</td>
                        <td>
                          <code>{f.crc64 ?? '–'}</code>
                        </td>
                        <td>
                          <a
                            href={f.download.url}
                            download
                            aria-label={t.t('admin.subs.downloadNamed', { name: f.name })}
                            data-testid="submission-download"
                          >
                            {t.t('admin.subs.download')}
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {expires !== undefined && Number.isFinite(expires) && (
                <p className="muted">
                  {t.t('admin.subs.linksValid', { date: t.dateTime(expires) })}{' '}
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => void query.refetch()}
                    disabled={query.isFetching}
                  >
                    {t.t('admin.subs.renew')}
                  </button>
                </p>
              )}
            </>
          )}
          {s.failed.length > 0 && (
            <>
              <h4 className="admin-notify__title">{t.t('admin.subs.failedTitle')}</h4>
              <ul data-testid="submission-failed">
                {s.failed.map((f) => (
                  <li key={f.key}>
                    {t.t('admin.subs.failedItem', {
                      name: f.name,
                      size: t.bytes(f.size),
                      reason:
                        f.reason === 'not-completed'
                          ? t.t('receipt.reason.not-completed')
                          : t.error(f.reason).what,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t.t('admin.subs.close')}
      </button>
    </section>
  );
}
