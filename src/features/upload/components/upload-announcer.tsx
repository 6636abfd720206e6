import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { EngineSnapshot } from '../engine/types';
import { announcementOf, NOTHING_ANNOUNCED, type AnnouncedCounts } from './announcement';

/** At most one announcement per interval, summarising what changed in it. */
const ANNOUNCE_INTERVAL_MS = 3000;

/**
 * A polite live region that says "2 files done, 1 failed" now and then, instead of one
 * announcement per file and per progress step (which would make a screen reader useless
 * during a large upload). When everything has finished it reads the closing summary.
 */
export function UploadAnnouncer({
  snapshot,
  skipped = 0,
  finished = null,
}: {
  snapshot: EngineSnapshot;
  /** System files skipped so far (they never reach the engine). */
  skipped?: number;
  /** The summary sentence once nothing is left to do. */
  finished?: string | null;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const { files, done, failed, rejected } = snapshot.totals;
  const { online } = snapshot;
  const latest = useRef<AnnouncedCounts>({
    files,
    done,
    failed,
    rejected,
    skipped,
    online,
    finished,
  });
  const announced = useRef<AnnouncedCounts>(NOTHING_ANNOUNCED);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The words of the language shown when the announcement fires, not when its timer started
  // (a language chosen in the first seconds would otherwise be ignored until the next one).
  const words = useRef(t);

  useEffect(() => {
    words.current = t;
    latest.current = { files, done, failed, rejected, skipped, online, finished };
    if (timer.current !== undefined) return;
    const fire = () => {
      timer.current = undefined;
      const now = latest.current;
      const message = announcementOf(announced.current, now, words.current);
      announced.current = now;
      if (message !== '') setMessage(message);
    };
    // Changes within one interval are gathered into a single announcement.
    timer.current = setTimeout(fire, ANNOUNCE_INTERVAL_MS);
  }, [files, done, failed, rejected, skipped, online, finished, t]);

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
