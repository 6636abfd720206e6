import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { EngineSnapshot } from '../engine/types';

/** At most one announcement per interval, summarising what changed in it. */
const ANNOUNCE_INTERVAL_MS = 3000;

interface Counts {
  files: number;
  done: number;
  failed: number;
  rejected: number;
  skipped: number;
  online: boolean;
  finished: string | null;
}

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
  const latest = useRef<Counts>({ files, done, failed, rejected, skipped, online, finished });
  const announced = useRef<Counts>({
    files: 0,
    done: 0,
    failed: 0,
    rejected: 0,
    skipped: 0,
    online: true,
    finished: null,
  });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    latest.current = { files, done, failed, rejected, skipped, online, finished };
    if (timer.current !== undefined) return;
    const fire = () => {
      timer.current = undefined;
      const now = latest.current;
      const before = announced.current;
      const parts: string[] = [];
      if (now.online !== before.online) {
        parts.push(t.t(now.online ? 'announce.online' : 'announce.offline'));
      }
      if (now.files > before.files)
        parts.push(t.plural('announce.added', now.files - before.files));
      if (now.skipped > before.skipped) {
        parts.push(t.plural('announce.skipped', now.skipped - before.skipped));
      }
      if (now.finished !== null && now.finished !== before.finished) {
        // The summary says how many arrived and failed; no need to count them again.
        parts.push(now.finished);
      } else {
        if (now.done > before.done) parts.push(t.plural('announce.done', now.done));
        if (now.failed > before.failed) parts.push(t.plural('announce.failed', now.failed));
      }
      if (now.rejected > before.rejected) parts.push(t.plural('announce.rejected', now.rejected));
      announced.current = now;
      if (parts.length > 0) setMessage(parts.join(t.t('list.separator')));
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
