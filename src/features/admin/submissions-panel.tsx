import type { AxiosInstance } from 'axios';
import { useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { saveFile } from '../../lib/save-file';
import { adminErrorText } from './admin-error-text';
import { getSubmissionsCsv, useLinkSubmissions } from './api/link-submissions';
import { SubmissionDetail } from './submission-detail';
import { SubmissionsTable } from './submissions-table';
import '../../i18n/catalogue-en-submissions';

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
          <SubmissionsTable
            submissions={list.data.submissions}
            linkTitle={linkTitle}
            selected={selected}
            onSelect={setSelected}
          />
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
