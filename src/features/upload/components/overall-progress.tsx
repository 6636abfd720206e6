import { useState, type Ref } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { EngineSnapshot } from '../engine/types';
import type { EngineCommands } from '../hooks/engine-session';
import type { SessionSummary } from '../intake/session-summary';
import { UploadSummary } from './upload-summary';
import { ConfirmButtons } from './confirm-buttons';

/**
 * Totals and the actions that apply to every file. "Cancel all" asks first (a stray or
 * clickjacked click must not end an afternoon of uploads), and its confirm button appears
 * in a different place from the button that asked.
 */
export function OverallProgress({
  snapshot,
  summary,
  commands,
  locked = false,
  ref,
}: {
  /** The section, for bringing it into view after an intake (useRevealProgress). */
  ref?: Ref<HTMLElement>;
  snapshot: EngineSnapshot;
  /** The link is over: nothing to pause, resume or retry (what is sending may be cancelled). */
  locked?: boolean;
  /** Set once nothing is left to do (see summarizeSession). */
  summary: SessionSummary | null;
  commands: Pick<
    EngineCommands,
    'pauseAll' | 'resumeAll' | 'retryAllFailed' | 'cancelAll' | 'clearFinished'
  >;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const { totals, online, pausedAll } = snapshot;
  if (totals.files === 0) return null;

  // Refused and cancelled files will not be sent: like the byte totals, they are not counted.
  const considered = totals.files - totals.rejected - totals.cancelled;
  const progress = totals.bytes > 0 ? Math.min(1, totals.bytesSent / totals.bytes) : 0;
  const finished = totals.done + totals.failed + totals.cancelled + totals.rejected;
  const secondsLeft =
    totals.active > 0 && totals.speed > 0 ? (totals.bytes - totals.bytesSent) / totals.speed : null;

  return (
    <section ref={ref} className="overall" aria-labelledby="overall-title">
      {/* Focusable from script only: it takes the focus when the page brings it into view. */}
      <h2 id="overall-title" className="overall__title" tabIndex={-1}>
        {t.t('overall.title')}
      </h2>
      {!online && (
        <p className="notice notice--offline" role="status">
          {t.t('overall.offline')}
        </p>
      )}
      <p className="overall__facts">
        <span>
          {t.plural('overall.filesDone', considered, { done: totals.done, total: considered })}
        </span>
        <span>
          {t.t('overall.bytes', { sent: t.bytes(totals.bytesSent), total: t.bytes(totals.bytes) })}
        </span>
        {totals.active > 0 && totals.speed > 0 && <span>{t.speed(totals.speed)}</span>}
        {secondsLeft !== null && (
          <span>{t.t('overall.timeLeft', { duration: t.duration(secondsLeft * 1000) })}</span>
        )}
        {totals.failed > 0 && (
          <span className="overall__failed">{t.plural('overall.failed', totals.failed)}</span>
        )}
        {totals.rejected > 0 && <span>{t.plural('overall.rejected', totals.rejected)}</span>}
      </p>
      <div
        className="progress progress--large"
        role="progressbar"
        aria-label={t.t('overall.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
        aria-valuetext={t.percent(progress)}
      >
        <div className="progress__fill" style={{ transform: `scaleX(${progress})` }} />
      </div>
      {summary && <UploadSummary summary={summary} files={snapshot.files} />}

      {confirming ? (
        <div className="confirm" role="group" aria-labelledby="confirm-cancel-text">
          <p id="confirm-cancel-text">{t.t('overall.confirmCancel')}</p>
          <div className="toolbar">
            <ConfirmButtons
              keepLabel={t.t('overall.confirmCancelNo')}
              confirmLabel={t.t('overall.confirmCancelYes')}
              onKeep={() => setConfirming(false)}
              onConfirm={() => commands.cancelAll()}
            />
          </div>
        </div>
      ) : (
        <div className="toolbar">
          {!locked &&
            totals.active > 0 &&
            (pausedAll ? (
              <button type="button" className="button" onClick={commands.resumeAll}>
                {t.t('overall.resumeAll')}
              </button>
            ) : (
              <button type="button" className="button" onClick={commands.pauseAll}>
                {t.t('overall.pauseAll')}
              </button>
            ))}
          {!locked && totals.failed > 0 && (
            <button type="button" className="button" onClick={commands.retryAllFailed}>
              {t.t('overall.retryFailed')}
            </button>
          )}
          {finished > 0 && (
            <button type="button" className="button button--quiet" onClick={commands.clearFinished}>
              {t.t('overall.clearFinished')}
            </button>
          )}
          {totals.active > 0 && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setConfirming(true)}
            >
              {t.t('overall.cancelAll')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
