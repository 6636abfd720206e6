import type { FileEntry, FileStatus } from '../engine/types';
import { rejectionGroupKey } from './group-rejections';

export const FILTER_KINDS = ['all', 'active', 'failed', 'done', 'rejected'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];

/** Which rows the list shows; `group` narrows "rejected" to one reason (see groupRejections). */
export interface ListFilter {
  kind: FilterKind;
  group?: string;
}

export const ALL_FILES: ListFilter = { kind: 'all' };

const ACTIVE: ReadonlySet<FileStatus> = new Set([
  'queued',
  'signing',
  'uploading',
  'paused',
  'verifying',
]);

/** Cancelled files appear under "all" only: the person stopped them, nothing is pending. */
function kindOf(status: FileStatus): FilterKind | null {
  if (ACTIVE.has(status)) return 'active';
  if (status === 'failed' || status === 'done' || status === 'rejected') return status;
  return null;
}

export function matchesFilter(entry: FileEntry, filter: ListFilter): boolean {
  if (filter.kind === 'all') return true;
  if (kindOf(entry.status) !== filter.kind) return false;
  return filter.group === undefined || rejectionGroupKey(entry) === filter.group;
}

export function filterFiles(files: readonly FileEntry[], filter: ListFilter): readonly FileEntry[] {
  if (filter.kind === 'all') return files;
  return files.filter((entry) => matchesFilter(entry, filter));
}

export function countByKind(files: readonly FileEntry[]): Record<FilterKind, number> {
  const counts: Record<FilterKind, number> = { all: 0, active: 0, failed: 0, done: 0, rejected: 0 };
  for (const entry of files) {
    counts.all += 1;
    const kind = kindOf(entry.status);
    if (kind) counts[kind] += 1;
  }
  return counts;
}
