import type { FileInput } from '../engine/types';
import { fingerprintOf } from './file-fingerprint';
import { isOsJunk } from './os-junk';

export interface SortedIntake {
  /** New files, to hand to the engine now. */
  fresh: FileInput[];
  /** Operating-system files that are skipped (the person is told which). */
  junk: FileInput[];
  /** Files already added in this session, or twice in this very pick: the person decides. */
  duplicates: FileInput[];
}

/**
 * Sorts one drop, paste or dialog pick before anything reaches the engine. `seen` holds the
 * fingerprints of every file handed to the engine earlier in this session; it is not changed
 * here (the caller remembers what it really adds).
 */
export function sortIntake(inputs: readonly FileInput[], seen: ReadonlySet<string>): SortedIntake {
  const sorted: SortedIntake = { fresh: [], junk: [], duplicates: [] };
  const inThisPick = new Set<string>();
  for (const input of inputs) {
    if (isOsJunk(input.file.name, input.relativePath)) {
      sorted.junk.push(input);
      continue;
    }
    const fingerprint = fingerprintOf(input);
    if (seen.has(fingerprint) || inThisPick.has(fingerprint)) {
      sorted.duplicates.push(input);
      continue;
    }
    inThisPick.add(fingerprint);
    sorted.fresh.push(input);
  }
  return sorted;
}
