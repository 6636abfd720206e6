import { memo } from 'react';
import type { Translator } from '../../../i18n/create-translator';
import { useI18n } from '../../../i18n/use-i18n';
import type { FileInput } from '../engine/types';
import type { Intake } from '../hooks/use-intake';
import { displayName } from './display-name';

/** Names shown in a notice before "and 12 more". */
const NAMES_SHOWN = 3;

/** "a.txt, b.txt, c.txt and 12 more": a few names, never ten thousand. */
function someNames(inputs: readonly FileInput[], t: Translator, distinct = false): string {
  const all = inputs.map((input) => displayName(input.file.name));
  const names = distinct ? [...new Set(all)] : all;
  const shown = names.slice(0, NAMES_SHOWN);
  if (names.length > NAMES_SHOWN) {
    shown.push(t.plural('intake.andMore', names.length - NAMES_SHOWN));
  }
  return t.list(shown, 'conjunction');
}

/**
 * What happened to the files of a pick that did not go straight to the engine: operating-system
 * junk that was skipped, anything unreadable, and the question about files added twice.
 */
export const IntakeNotices = memo(function IntakeNotices({
  notice,
  dismissNotice,
  duplicates,
  addDuplicates,
  skipDuplicates,
}: Pick<Intake, 'notice' | 'dismissNotice' | 'duplicates' | 'addDuplicates' | 'skipDuplicates'>) {
  const { t } = useI18n();
  if (!notice && !duplicates) return null;
  return (
    <div className="intake">
      {duplicates && (
        <div
          className="notice notice--question"
          role="group"
          aria-labelledby="duplicates-text"
          data-testid="duplicates-question"
        >
          <p id="duplicates-text">
            {t.plural('intake.duplicates', duplicates.length, {
              names: someNames(duplicates, t),
            })}{' '}
            <strong>{t.t('intake.duplicatesQuestion')}</strong>
          </p>
          <div className="toolbar">
            {/* Focus lands on the safe answer, as it does for "Cancel all". */}
            <button type="button" className="button" autoFocus onClick={skipDuplicates}>
              {t.plural('intake.skipDuplicates', duplicates.length)}
            </button>
            <button type="button" className="button button--primary" onClick={addDuplicates}>
              {t.plural('intake.addAgain', duplicates.length)}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <div className="notice notice--info" data-testid="intake-notice">
          <div className="notice__text">
            {notice.junk.length > 0 && (
              <p>
                {t.plural('intake.junk', notice.junk.length, {
                  names: someNames(notice.junk, t, true),
                })}
              </p>
            )}
            {notice.unreadable > 0 && <p>{t.plural('intake.unreadable', notice.unreadable)}</p>}
          </div>
          <button type="button" className="button button--quiet" onClick={dismissNotice}>
            {t.t('intake.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
});
