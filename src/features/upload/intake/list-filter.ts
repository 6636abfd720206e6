import type { FileEntry, FileStatus, Totals } from '../engine/types';
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

/** The count under each filter, straight from the engine's totals (no pass over the files). */
export function countsOf(totals: Totals): Record<FilterKind, number> {
  return {
    all: totals.files,
    // The engine counts the same statuses as active: queued, signing, uploading, paused, verifying.
    active: totals.active,
    failed: totals.failed,
    done: totals.done,
    rejected: totals.rejected,
  };
}
