import type { AdminSubmissionDetail } from '../../../protocol/submissions';
import { useI18n } from '../../i18n/use-i18n';
import '../../i18n/catalogue-en-submissions';

type Detail = AdminSubmissionDetail;

/** A submission's verified files, each with its short-lived download link. */
export function SubmissionFiles({
  files,
  submissionId,
}: {
  files: Detail['files'];
  submissionId: string;
}) {
  const { t } = useI18n();
  return (
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
          {files.map((f) => (
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
  );
}

/** The files still failed when the submission closed, with the reason each failed. */
export function FailedFiles({ failed }: { failed: Detail['failed'] }) {
  const { t } = useI18n();
  if (failed.length === 0) return null;
  return (
    <>
      <h4 className="admin-notify__title">{t.t('admin.subs.failedTitle')}</h4>
      <ul data-testid="submission-failed">
        {failed.map((f) => (
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
  );
}
