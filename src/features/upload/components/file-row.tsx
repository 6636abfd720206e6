import { memo } from 'react';
import type { Translator } from '../../../i18n/create-translator';
import { useI18n } from '../../../i18n/use-i18n';
import { useNow } from '../../../i18n/use-now';
import { canCancel, canPause, canResume, canRetry } from '../engine/state/file-actions';
import type { FileEntry, FileStatus, UploadError } from '../engine/types';
import type { EngineCommands } from '../hooks/engine-session';
import { displayName } from './display-name';

type RowCommands = Pick<EngineCommands, 'cancel' | 'pause' | 'resume' | 'retry'>;

const EXPLAINED: ReadonlySet<FileStatus> = new Set(['failed', 'rejected', 'cancelled']);
const MOVING: ReadonlySet<FileStatus> = new Set(['signing', 'uploading', 'verifying']);
/** Codes whose `limit` parameter counts bytes; other limits count files. */
const BYTE_LIMITS: ReadonlySet<string> = new Set([
  'file-too-large',
  'quota-exceeded',
  'payload-too-large',
]);

function ErrorExplanation({ error, t }: { error: UploadError; t: Translator }) {
  const text = t.error(error.code);
  const limit = error.params?.limit;
  // A refused type: what the file was judged to be (by its name), and why an active one needs
  // naming (protocol/file-types.ts).
  const judged = error.code === 'file-type-not-allowed' ? error.params?.type : undefined;
  return (
    <div className="file-row__error">
      <p>
        {text.what} {text.todo}
      </p>
      {typeof judged === 'string' && (
        <p className="muted" data-testid="type-judged">
          {t.t(error.params?.reason === 'active' ? 'row.typeActive' : 'row.typeJudged', {
            type: judged,
          })}
        </p>
      )}
      {typeof limit === 'number' && (
        <p className="muted">
          {t.t('row.limit', {
            limit: BYTE_LIMITS.has(error.code) ? t.bytes(limit) : t.number(limit),
          })}
        </p>
      )}
      {error.requestId && (
        <p className="muted file-row__request-id">
          {t.t('row.requestId', { id: error.requestId })}
        </p>
      )}
    </div>
  );
}

/** "URL valid for 14:32": re-renders once a second only while the row has a URL. */
function UrlCountdown({ expiresAt, t }: { expiresAt: number; t: Translator }) {
  const secondsLeft = useNow((now) => Math.max(0, Math.ceil((expiresAt - now) / 1000)));
  return (
    <span className="file-row__url">
      {secondsLeft > 0
        ? t.t('row.urlValid', { duration: t.clock(secondsLeft * 1000) })
        : t.t('row.urlRenewing')}
    </span>
  );
}

/** An automatic retry is waiting: why, and in how long. */
function RetryNotice({ code, at, t }: { code: string; at: number; t: Translator }) {
  const secondsLeft = useNow((now) => Math.max(0, Math.ceil((at - now) / 1000)));
  return (
    <p className="file-row__retrying">
      {t.error(code).what} {t.t('row.retryingIn', { duration: t.clock(secondsLeft * 1000) })}
    </p>
  );
}

/** A shape per state, so the state never rests on the colour alone (the word is there too). */
const ICON_PATHS: Record<FileStatus, string> = {
  queued: 'M12 7.5V12l3 2',
  signing: 'M12 16V8m0 0-3.5 3.5M12 8l3.5 3.5',
  uploading: 'M12 16V8m0 0-3.5 3.5M12 8l3.5 3.5',
  verifying: 'M9 12.5l2 2 4-4.5',
  done: 'M8 12.5l2.75 2.75L16 9.5',
  paused: 'M10 9v6m4-6v6',
  failed: 'M12 7.5v5.5m0 3v.01',
  rejected: 'M8.5 8.5l7 7m0-7-7 7',
  cancelled: 'M8 12h8',
};

function StatusIcon({ status }: { status: FileStatus }) {
  return (
    <svg
      className={`file-row__icon file-row__icon--${status}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="9" />
      <path d={ICON_PATHS[status]} />
    </svg>
  );
}

/**
 * One file. Its buttons are the ones the engine's state machine accepts (file-actions.ts).
 * The root carries `data-testid="file-row"`, `data-status` and `data-file-name`:
 * a documented contract (docs/embedding.md) that end-to-end tests rely on.
 * File names are rendered as text, bidi-isolated and stripped of bidi overrides.
 */
export const FileRow = memo(function FileRow({
  entry,
  commands,
}: {
  entry: FileEntry;
  commands: RowCommands;
}) {
  const { t } = useI18n();
  const { status } = entry;
  const name = displayName(entry.name);
  // The engine's figure: it holds back the last bit until the file is verified.
  const { progress } = entry;
  const percent = Math.round(progress * 100);
  const showUrl = entry.urlExpiresAt !== null && (status === 'uploading' || status === 'signing');

  const facts: string[] = [t.bytes(entry.size)];
  if (status !== 'rejected') facts.push(t.percent(progress));
  if (status === 'uploading' && entry.speed > 0) facts.push(t.speed(entry.speed));
  if (entry.parts && MOVING.has(status)) {
    facts.push(t.t('row.parts', { done: entry.parts.done, total: entry.parts.total }));
  }
  if (entry.attempts > 0 && MOVING.has(status)) {
    facts.push(t.t('row.attempt', { count: entry.attempts + 1 }));
  }

  return (
    <div
      className="file-row"
      data-testid="file-row"
      data-status={status}
      data-file-name={entry.name}
    >
      <StatusIcon status={status} />
      <div className="file-row__body">
        <p className="file-row__name">
          <bdi>{name}</bdi>
        </p>
        {entry.relativePath && (
          <p className="file-row__path muted">
            <span className="visually-hidden">{t.t('row.folder')}: </span>
            <bdi>{displayName(entry.relativePath)}</bdi>
          </p>
        )}
        <p className="file-row__meta">
          <span className={`status status--${status}`}>{t.t(`status.${status}`)}</span>
          {facts.map((fact, index) => (
            <span key={index} className="file-row__fact">
              {fact}
            </span>
          ))}
          {showUrl && <UrlCountdown expiresAt={entry.urlExpiresAt!} t={t} />}
        </p>
      </div>
      {status !== 'rejected' && (
        <div
          className="progress file-row__progress"
          role="progressbar"
          aria-label={t.t('row.progressLabel', { name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${t.percent(progress)} (${t.bytes(Math.min(entry.bytesSent, entry.size))} / ${t.bytes(entry.size)})`}
        >
          <div className="progress__fill" style={{ transform: `scaleX(${progress})` }} />
        </div>
      )}
      {entry.retrying && !EXPLAINED.has(status) && (
        <RetryNotice code={entry.retrying.code} at={entry.retrying.at} t={t} />
      )}
      {entry.error && EXPLAINED.has(status) && <ErrorExplanation error={entry.error} t={t} />}
      <div className="file-row__actions">
        {canPause(entry) && (
          <button
            type="button"
            className="button button--quiet"
            aria-label={t.t('row.pauseNamed', { name })}
            onClick={() => commands.pause(entry.id)}
          >
            {t.t('row.pause')}
          </button>
        )}
        {canResume(entry) && (
          <button
            type="button"
            className="button button--quiet"
            aria-label={t.t('row.resumeNamed', { name })}
            onClick={() => commands.resume(entry.id)}
          >
            {t.t('row.resume')}
          </button>
        )}
        {canRetry(entry) && (
          <button
            type="button"
            className="button"
            aria-label={t.t('row.retryNamed', { name })}
            onClick={() => commands.retry(entry.id)}
          >
            {t.t('row.retry')}
          </button>
        )}
        {canCancel(entry) && (
          <button
            type="button"
            className="button button--quiet"
            aria-label={t.t('row.cancelNamed', { name })}
            onClick={() => commands.cancel(entry.id)}
          >
            {t.t('row.cancel')}
          </button>
        )}
      </div>
    </div>
  );
});
