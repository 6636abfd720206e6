import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { EngineEventListener } from '../engine/events/engine-events';
import type { Totals } from '../engine/types';
import { announcementOf, hear, NOTHING_ANNOUNCED, NOTHING_HEARD } from './announcement';

/** At most one announcement per interval, summarising what happened in it. */
const ANNOUNCE_INTERVAL_MS = 3000;

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
    heard: NOTHING_HEARD,
    latest: { totals, skipped, finished, t },
    announced: NOTHING_ANNOUNCED,
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
      const { message, announced } = announcementOf(s.heard, s.latest, s.announced, s.latest.t);
      s.heard = NOTHING_HEARD;
      s.announced = announced;
      if (message !== '') setMessage(message);
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
