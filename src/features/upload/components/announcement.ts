import { composeParts } from '../../../i18n/compose-parts';
import type { Translator } from '../../../i18n/create-translator';
import type { EngineEvent } from '../engine/events/engine-events';
import type { Totals } from '../engine/types';

/** What happened since the last announcement, gathered from the engine's events. */
export interface Heard {
  added: number;
  done: boolean;
  failed: boolean;
  rejected: boolean;
  /** The connection as the last `online-changed` left it; null when it did not change. */
  online: boolean | null;
}

export const NOTHING_HEARD: Heard = {
  added: 0,
  done: false,
  failed: false,
  rejected: false,
  online: null,
};

export function hear(heard: Heard, event: EngineEvent): Heard {
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

/** What the live region said last of what the engine's events do not carry. */
export interface Announced {
  online: boolean;
  /** System files skipped (they never reach the engine). */
  skipped: number;
  /** The closing summary sentence once nothing is left to do. */
  finished: string | null;
}

export const NOTHING_ANNOUNCED: Announced = { online: true, skipped: 0, finished: null };

/** The page as it is when the announcement is made. */
export interface Latest {
  totals: Pick<Totals, 'done' | 'failed' | 'rejected'>;
  skipped: number;
  finished: string | null;
}

/**
 * What happened since the last announcement, as one message ('' when nothing worth saying
 * did), and what the live region has then said. Parts come from the catalogue as sentences and
 * clauses; composeParts punctuates them, so nothing is ever doubled ("seconds., 2 failed").
 */
export function announcementOf(
  heard: Heard,
  now: Latest,
  before: Announced,
  t: Translator,
): { message: string; announced: Announced } {
  const parts: string[] = [];
  const online = heard.online ?? before.online;
  if (online !== before.online) parts.push(t.t(online ? 'announce.online' : 'announce.offline'));
  if (heard.added > 0) parts.push(t.plural('announce.added', heard.added));
  if (now.skipped > before.skipped) {
    parts.push(t.plural('announce.skipped', now.skipped - before.skipped));
  }
  if (now.finished !== null && now.finished !== before.finished) {
    // The summary says how many arrived and failed; no need to count them again.
    parts.push(now.finished);
  } else {
    if (heard.done) parts.push(t.plural('announce.done', now.totals.done));
    if (heard.failed) parts.push(t.plural('announce.failed', now.totals.failed));
  }
  if (heard.rejected) parts.push(t.plural('announce.rejected', now.totals.rejected));
  return {
    message: composeParts(parts, t.locale),
    announced: { online, skipped: now.skipped, finished: now.finished },
  };
}
