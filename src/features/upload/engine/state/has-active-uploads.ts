import type { EngineSnapshot } from '../types';

/**
 * True while closing the page would lose work (something queued, signing, moving, paused or
 * being verified). The UI uses it for its `beforeunload` warning.
 */
export function hasActiveUploads(snapshot: EngineSnapshot): boolean {
  return snapshot.totals.active > 0;
}
