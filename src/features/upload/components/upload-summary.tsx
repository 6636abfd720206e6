import { useEffect, useRef, useState } from 'react';
import { composeParts } from '../../../i18n/compose-parts';
import { useI18n } from '../../../i18n/use-i18n';
import type { FileEntry } from '../engine/types';
import { uploadedKeysCsv } from '../intake/keys-csv';
import type { SessionSummary } from '../intake/session-summary';

/** How long a downloaded list's object URL stays alive: long enough for the browser to save it. */
const REVOKE_AFTER_MS = 60_000;

function download(csv: string) {
  // A byte-order mark, so spreadsheet programs read the names (often Chinese) as UTF-8.
  const blob = new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `uploaded-files-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

type CopyState = { kind: 'idle' } | { kind: 'copied'; count: number } | { kind: 'failed' };

/**
 * The closing figures (files, bytes, time, failures) and the list of what arrived and where it
 * is stored, to copy or to download as CSV.
 */
export function UploadSummary({
  summary,
  files,
}: {
  summary: SessionSummary;
  files: readonly FileEntry[];
}) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const copyList = async () => {
    const csv = uploadedKeysCsv(files);
    try {
      await navigator.clipboard.writeText(csv);
      if (mounted.current) setCopy({ kind: 'copied', count: summary.done });
    } catch {
      if (mounted.current) setCopy({ kind: 'failed' });
    }
  };

  const extras: string[] = [];
  if (summary.failed > 0) extras.push(t.plural('overall.failed', summary.failed));
  if (summary.rejected > 0) extras.push(t.plural('overall.rejected', summary.rejected));
  if (summary.cancelled > 0) extras.push(t.plural('summary.cancelled', summary.cancelled));

  return (
    <div
      className="summary"
      data-testid="upload-summary"
      data-outcome={summary.failed > 0 ? 'failures' : 'complete'}
    >
      <h3 className="summary__title">
        <svg className="summary__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {summary.failed > 0 ? (
            <path d="M12 8v5m0 3.5v.01M10.3 4.2 2.8 17.5A2 2 0 0 0 4.5 20.5h15a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0z" />
          ) : (
            <path d="m5 12.5 4.5 4.5L19 7.5" />
          )}
        </svg>
        {t.t('summary.title')}
      </h3>
      <p>
        {summary.done > 0
          ? t.plural('summary.done', summary.done, {
              size: t.bytes(summary.doneBytes),
              duration: t.elapsed(summary.elapsedMs),
            })
          : t.t('summary.none')}
      </p>
      {extras.length > 0 && <p className="summary__extras">{composeParts(extras, t.locale)}</p>}
      {summary.done > 0 && (
        <>
          <p className="muted">{t.t('summary.listHint')}</p>
          <div className="toolbar">
            <button type="button" className="button" onClick={() => void copyList()}>
              {t.t('summary.copy')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => download(uploadedKeysCsv(files))}
            >
              {t.t('summary.download')}
            </button>
          </div>
        </>
      )}
      <p className="summary__copy" role="status">
        {copy.kind === 'copied' && t.plural('summary.copied', copy.count)}
        {copy.kind === 'failed' && t.t('summary.copyFailed')}
      </p>
    </div>
  );
}
