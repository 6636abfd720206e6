import type { AxiosInstance } from 'axios';
import { useEffect, useId, useRef } from 'react';
import { DETAIL_NAMES, type FieldValue } from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import { useI18n } from '../../i18n/use-i18n';
import { adminErrorText } from './admin-error-text';
import { useSubmission } from './api/link-submissions';
import { FailedFiles, SubmissionFiles } from './submission-files';
import '../../i18n/catalogue-en-submissions';

type SubmissionView = NonNullable<ReturnType<typeof useSubmission>['data']>['submission'];

function valueText(value: FieldValue, t: Translator): string {
  if (typeof value === 'boolean') return value ? t.t('receipt.yes') : t.t('receipt.no');
  return typeof value === 'number' ? t.number(value) : value;
}

/** What the owner reads first: when, who, what they answered, where the manifest is. */
function factsOf(s: SubmissionView, t: Translator): Array<{ label: string; value: string }> {
  const facts: Array<{ label: string; value: string }> = [];
  facts.push({ label: t.t('receipt.started'), value: t.dateTime(s.startedAt) });
  if (s.closedAt !== null) {
    facts.push({
      label: t.t('receipt.closed'),
      // Brackets as each language writes them (full-width in Chinese).
      value: t.t('admin.subs.closedWhen', {
        date: t.dateTime(s.closedAt),
        how: t.t(`admin.subs.closedBy.${s.closedBy ?? 'finish'}`),
      }),
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
  return facts;
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
  const facts = s ? factsOf(s, t) : [];
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
              <SubmissionFiles files={s.files} submissionId={submissionId} />
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
          <FailedFiles failed={s.failed} />
        </>
      )}
      <button type="button" className="button button--quiet" onClick={onClose}>
        {t.t('admin.subs.close')}
      </button>
    </section>
  );
}
