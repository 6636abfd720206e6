import { memo, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { UnfinishedUpload } from '../engine/types';
import { displayName } from './display-name';
import { ConfirmButtons } from './confirm-buttons';

/** Uploads listed by name before "and 12 more". */
const SHOWN = 5;

/**
 * After a reload: how many uploads of the earlier visit are unfinished, which files they were,
 * and that dropping the same files continues them. Forgetting them (which deletes their sent
 * parts on the server) asks first: it cannot be undone.
 */
export const ResumeBanner = memo(function ResumeBanner({
  unfinished,
  onForget,
}: {
  unfinished: readonly UnfinishedUpload[];
  /** Absent when the engine cannot forget (then no button is shown). */
  onForget?: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const count = unfinished.length;
  if (count === 0) return null;
  return (
    <div
      className="notice notice--question"
      role="region"
      aria-labelledby="resume-title"
      data-testid="resume-banner"
      data-count={count}
    >
      <div className="notice__text">
        <p id="resume-title">
          <strong>{t.plural('resume.title', count)}</strong>
        </p>
        <p>{t.plural('resume.body', count)}</p>
        <ul>
          {unfinished.slice(0, SHOWN).map((upload) => (
            <li key={upload.id}>
              {t.t('resume.item', {
                name: displayName(upload.name),
                size: t.bytes(upload.size),
                done: upload.partsDone,
                total: upload.partCount,
              })}
            </li>
          ))}
          {count > SHOWN && <li>{t.plural('intake.andMore', count - SHOWN)}</li>}
        </ul>
      </div>
      {onForget &&
        (confirming ? (
          <div className="toolbar" role="group" aria-labelledby="resume-confirm">
            <span id="resume-confirm">{t.plural('resume.confirmForget', count)}</span>
            <ConfirmButtons
              keepLabel={t.t('resume.keep')}
              confirmLabel={t.t('resume.forgetYes')}
              onKeep={() => setConfirming(false)}
              onConfirm={onForget}
            />
          </div>
        ) : (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setConfirming(true)}
          >
            {t.plural('resume.forget', count)}
          </button>
        ))}
    </div>
  );
});
