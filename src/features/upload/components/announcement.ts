import { composeParts } from '../../../i18n/compose-parts';
import type { Translator } from '../../../i18n/create-translator';

/** What the live region has said (or is about to say) about the session. */
export interface AnnouncedCounts {
  files: number;
  done: number;
  failed: number;
  rejected: number;
  /** System files skipped (they never reach the engine). */
  skipped: number;
  online: boolean;
  /** The closing summary sentence once nothing is left to do. */
  finished: string | null;
}

export const NOTHING_ANNOUNCED: AnnouncedCounts = {
  files: 0,
  done: 0,
  failed: 0,
  rejected: 0,
  skipped: 0,
  online: true,
  finished: null,
};

/**
 * What changed between two announcements, as one message ('' when nothing worth saying did).
 * Parts come from the catalogue as sentences and clauses; composeParts punctuates them.
 */
export function announcementOf(
  before: AnnouncedCounts,
  now: AnnouncedCounts,
  t: Translator,
): string {
  const parts: string[] = [];
  if (now.online !== before.online) {
    parts.push(t.t(now.online ? 'announce.online' : 'announce.offline'));
  }
  if (now.files > before.files) parts.push(t.plural('announce.added', now.files - before.files));
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
  return composeParts(parts, t.locale);
}
