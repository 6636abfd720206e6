import type { FileEntry } from '../engine/types';

/**
 * Returns the same array of ids for as long as the files keep the same ids in the same order.
 * The file list's virtualizer re-measures every row whenever its key function changes; with
 * 10,000 files that is a pass over all of them on every progress frame, for nothing: progress
 * changes entries, not which entries there are.
 */
export function createStableIds(): (files: readonly FileEntry[]) => readonly string[] {
  let lastFiles: readonly FileEntry[] | null = null;
  let last: readonly string[] = [];
  return (files) => {
    // The list re-renders on every scroll step with the same array: nothing to compare then.
    if (files === lastFiles) return last;
    lastFiles = files;
    let same = last.length === files.length;
    for (let i = 0; same && i < files.length; i++) same = last[i] === files[i]!.id;
    if (!same) last = files.map((entry) => entry.id);
    return last;
  };
}
