import type { FileEntry } from '../engine/types';

export interface RejectionGroup {
  /** Stable while the group exists: the reason's code plus the limit it names. */
  key: string;
  code: string;
  /** The limit that was hit (bytes or files, depending on the code), when the reason has one. */
  limit: number | null;
  /** Bytes that were still free when its latest file was refused (quota refusals). */
  remaining: number | null;
  count: number;
}

/** The group a refused file belongs to, or null for a file that was not refused. */
export function rejectionGroupKey(entry: FileEntry): string | null {
  if (entry.status !== 'rejected') return null;
  const code = entry.error?.code ?? 'unknown';
  const limit = entry.error?.params?.limit;
  return typeof limit === 'number' ? `${code}:${limit}` : code;
}

/**
 * Refused files by reason: "37 files are larger than 2 GB" once, not 37 times. Groups keep
 * the order in which their first file arrived, so a new drop does not reshuffle them.
 */
export function groupRejections(files: readonly FileEntry[]): RejectionGroup[] {
  const groups = new Map<string, RejectionGroup>();
  for (const entry of files) {
    const key = rejectionGroupKey(entry);
    if (key === null) continue;
    const remaining = entry.error?.params?.remaining;
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      // The latest refusal knows best what is left now.
      if (typeof remaining === 'number') group.remaining = remaining;
      continue;
    }
    const limit = entry.error?.params?.limit;
    groups.set(key, {
      key,
      code: entry.error?.code ?? 'unknown',
      limit: typeof limit === 'number' ? limit : null,
      remaining: typeof remaining === 'number' ? remaining : null,
      count: 1,
    });
  }
  return [...groups.values()];
}
