import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { EngineEvent, EngineEventListener } from '../engine/events/engine-events';
import type { Totals } from '../engine/types';

/** At most one announcement per interval, summarising what happened in it. */
const ANNOUNCE_INTERVAL_MS = 3000;

/** What happened since the last announcement, gathered from the engine's events. */
interface Heard {
  added: number;
  done: boolean;
  failed: boolean;
  rejected: boolean;
  /** The connection as the last `online-changed` left it; null when it did not change. */
  online: boolean | null;
}

const NOTHING: Heard = { added: 0, done: false, failed: false, rejected: false, online: null };

function hear(heard: Heard, event: EngineEvent): Heard {
  switch (event.type) {
    case 'file-added':
      return { ...heard, added: heard.added + 1 };
    case 'file-done':
      return { ...heard, done: true };
    case 'file-failed':
      if (event.file.status === 'failed') return { ...heard, failed: true };
      return event.file.status === 'rejected' ? { ...heard, rejected: true } : heard;
    case 'online-changed':
      return { ...heard, online: event.online };
    default:
      return heard;
  }
}

/**
 * A polite live region that says "2 files done, 1 failed" now and then, instead of one
 * announcement per file and per progress step (which would make a screen reader useless
 * during a large upload). It listens to the engine's events; the counts it reads out are the
 * totals of that moment. When everything has finished it reads the closing summary.
 */
export function UploadAnnouncer({
  subscribeEvents,
  totals,
  skipped = 0,
  finished = null,
}: {
  subscribeEvents(listener: EngineEventListener): () => void;
  totals: Totals;
  /** System files skipped so far (they never reach the engine). */
  skipped?: number;
  /** The summary sentence once nothing is left to do. */
  finished?: string | null;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  const state = useRef({
    heard: NOTHING,
    latest: { totals, skipped, finished, t },
    announced: { online: true, skipped: 0, finished: null as string | null },
    timer: undefined as ReturnType<typeof setTimeout> | undefined,
  });

  useEffect(() => {
    state.current.latest = { totals, skipped, finished, t };
  });

  const announceSoon = useCallback(() => {
    const s = state.current;
    if (s.timer !== undefined) return;
    // Changes within one interval are gathered into a single announcement.
    s.timer = setTimeout(() => {
      s.timer = undefined;
      const { latest: now, heard: news, announced: before } = s;
      const tr = now.t;
      s.heard = NOTHING;
      const parts: string[] = [];
      const online = news.online ?? before.online;
      if (online !== before.online) {
        parts.push(tr.t(online ? 'announce.online' : 'announce.offline'));
      }
      if (news.added > 0) parts.push(tr.plural('announce.added', news.added));
      if (now.skipped > before.skipped) {
        parts.push(tr.plural('announce.skipped', now.skipped - before.skipped));
      }
      if (now.finished !== null && now.finished !== before.finished) {
        // The summary says how many arrived and failed; no need to count them again.
        parts.push(now.finished);
      } else {
        if (news.done) parts.push(tr.plural('announce.done', now.totals.done));
        if (news.failed) parts.push(tr.plural('announce.failed', now.totals.failed));
      }
      if (news.rejected) parts.push(tr.plural('announce.rejected', now.totals.rejected));
      s.announced = { online, skipped: now.skipped, finished: now.finished };
      if (parts.length > 0) setMessage(parts.join(tr.t('list.separator')));
    }, ANNOUNCE_INTERVAL_MS);
  }, []);

  useEffect(
    () =>
      subscribeEvents((events) => {
        for (const event of events) state.current.heard = hear(state.current.heard, event);
        announceSoon();
      }),
    [subscribeEvents, announceSoon],
  );

  // Skipped files and the closing summary come from the panel, not from the engine.
  useEffect(() => {
    if (skipped > 0 || finished !== null) announceSoon();
  }, [skipped, finished, announceSoon]);

  useEffect(() => () => clearTimeout(state.current.timer), []);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
