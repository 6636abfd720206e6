import type { FileEntry } from '../engine/types';

export interface SessionSummary {
  /** Files that arrived and were verified, and their bytes. */
  done: number;
  doneBytes: number;
  failed: number;
  cancelled: number;
  rejected: number;
  /** From the first file added to the last one finished (refused files do not count). */
  elapsedMs: number;
}

/**
 * The closing figures once nothing is left to do, or null while files are still on their way
 * (or when nothing was ever sent: a drop of only refused files is explained by its groups).
 */
export function summarizeSession(files: readonly FileEntry[]): SessionSummary | null {
  const summary: SessionSummary = {
    done: 0,
    doneBytes: 0,
    failed: 0,
    cancelled: 0,
    rejected: 0,
    elapsedMs: 0,
  };
  let start = Infinity;
  let end = -Infinity;
  for (const entry of files) {
    switch (entry.status) {
      case 'done':
        summary.done += 1;
        summary.doneBytes += entry.size;
        break;
      case 'failed':
        summary.failed += 1;
        break;
      case 'cancelled':
        summary.cancelled += 1;
        break;
      case 'rejected':
        summary.rejected += 1;
        continue;
      default:
        return null;
    }
    start = Math.min(start, entry.addedAt);
    if (entry.finishedAt !== null) end = Math.max(end, entry.finishedAt);
  }
  if (summary.done + summary.failed + summary.cancelled === 0) return null;
  summary.elapsedMs = end >= start ? end - start : 0;
  return summary;
}
