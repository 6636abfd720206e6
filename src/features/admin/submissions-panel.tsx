import type { AxiosInstance } from 'axios';
import { useId, useState } from 'react';
import type { AdminSubmission } from '../../../protocol/submissions';
import type { Translator } from '../../i18n/create-translator';
import { useI18n } from '../../i18n/use-i18n';
import { saveFile } from '../../lib/save-file';
import { adminErrorText } from './admin-error-text';
import { getSubmissionsCsv, useLinkSubmissions } from './api/link-submissions';
import { SubmissionDetail } from './submission-detail';
import '../../i18n/catalogue-en-submissions';

/** Who sent it, in a few words: the name, else the email or organisation, else "no details". */
function senderOf(s: AdminSubmission, t: Translator): { who: string; more: string | null } {
  const { name, email, organisation, phone } = s.uploader;
  const who = name ?? email ?? organisation ?? phone;
  if (!who) return { who: t.t('admin.subs.anonymous'), more: null };
  const more = [email, organisation].filter((v) => v && v !== who).join(t.t('list.separator'));
  return { who, more: more || null };
}

/**
 * A link's submissions on /admin: who sent what and when (newest first), open or closed; one
 * selected shows its files with download links; all of them export as CSV, one row per file.
 */
export function SubmissionsPanel({
  client,
  linkId,
  linkTitle,
  initialSubmission,
}: {
  client: AxiosInstance;
  linkId: string;
  linkTitle: string;
  /** From `/admin?link=…&submission=…`: shown at once. */
  initialSubmission?: string | null;
}) {
  const { t } = useI18n();
  const id = useId();
  const list = useLinkSubmissions(client, linkId);
  const [selected, setSelected] = useState<string | null>(initialSubmission ?? null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const blob = await getSubmissionsCsv(client, linkId);
      const date = new Date().toISOString().slice(0, 10);
      saveFile(blob, `submissions-${linkId}-${date}.csv`);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="admin-notify admin-submissions" data-testid="submissions-panel">
      <div className="toolbar">
        <button
          type="button"
          className="button"
          onClick={() => void list.refetch()}
          disabled={list.isFetching}
        >
          {t.t('admin.links.refresh')}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void exportCsv()}
          disabled={exporting || !list.data || list.data.submissions.length === 0}
          data-testid="submissions-export"
        >
          {exporting ? t.t('admin.subs.exporting') : t.t('admin.subs.export')}
        </button>
      </div>
      {exportError !== null && (
        <p className="notice card--error" role="alert">
          {adminErrorText(exportError, t)}
        </p>
      )}
      {list.isPending && <p className="muted">{t.t('admin.subs.loading')}</p>}
      {list.isError && (
        <p className="notice card--error" role="alert">
          {adminErrorText(list.error, t)}
        </p>
      )}
      {list.isSuccess &&
        (list.data.submissions.length === 0 ? (
          <p className="muted">{t.t('admin.subs.empty')}</p>
        ) : (
          <div
            className="admin-table-wrap"
            role="region"
            aria-labelledby={`${id}-caption`}
            tabIndex={0}
          >
            <table className="admin-table" data-testid="submissions-list">
              <caption id={`${id}-caption`} className="visually-hidden">
                {t.t('admin.subs.caption', { title: linkTitle })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t.t('admin.subs.col.who')}</th>
                  <th scope="col">{t.t('admin.subs.col.started')}</th>
                  <th scope="col">{t.t('admin.subs.col.files')}</th>
                  <th scope="col">{t.t('admin.subs.col.size')}</th>
                  <th scope="col">{t.t('admin.subs.col.state')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.t('admin.subs.col.show')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.submissions.map((s) => {
                  const sender = senderOf(s, t);
                  return (
                    <tr
                      key={s.id}
                      data-testid="submission-row"
                      data-submission-id={s.id}
                      data-state={s.state}
                      aria-current={selected === s.id ? 'true' : undefined}
                    >
                      <td className="admin-table__name">
                        {sender.who}
                        {sender.more && (
                          <>
                            <br />
                            <span className="muted">{sender.more}</span>
                          </>
                        )}
                      </td>
                      <td className="admin-table__nowrap">{t.dateTime(s.startedAt)}</td>
                      <td>
                        {t.plural('count.files', s.files)}
                        {s.failed > 0 && (
                          <>
                            <br />
                            <span className="muted">{t.plural('overall.failed', s.failed)}</span>
                          </>
                        )}
                        {s.inFlight > 0 && (
                          <>
                            <br />
                            <span className="muted">
                              {t.t('admin.links.inFlight', {
                                files: t.plural('count.files', s.inFlight),
                              })}
                            </span>
                          </>
                        )}
                      </td>
                      <td className="admin-table__nowrap">{t.bytes(s.totalBytes)}</td>
                      <td>{t.t(`admin.subs.state.${s.state}`)}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--quiet"
                          aria-expanded={selected === s.id}
                          aria-label={t.t('admin.subs.showNamed', {
                            who: sender.who,
                            date: t.dateTime(s.startedAt),
                          })}
                          onClick={() => setSelected(selected === s.id ? null : s.id)}
                          data-testid="submission-show"
                        >
                          {t.t('admin.subs.show')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      {selected !== null && (
        <SubmissionDetail
          key={selected}
          client={client}
          linkId={linkId}
          submissionId={selected}
          takeFocus
          onClose={() => setSelected(null)}
        />
      )}
    </div>
  );
}
