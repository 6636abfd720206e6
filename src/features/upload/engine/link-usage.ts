/**
 * Files and bytes counted against the link's limits: what the link had used when the page
 * loaded plus the files this page accepted and has not given up (cancelled or refused).
 * New files are checked against it (file-checks.ts); the signer enforces the same limits. The
 * snapshot shows it too (`usage`), so the page can say how much room is left.
 */
import type { Job } from './job';
import type { UsageCounts } from './types';

export interface LinkUsage {
  readonly used: UsageCounts;
  count(job: Job): void;
  uncount(job: Job): void;
}

export function createLinkUsage(
  initial: UsageCounts | null,
  /** Told every change, and the starting counts at once. */
  onChanged: (used: UsageCounts) => void = () => {},
): LinkUsage {
  const used = { files: initial?.files ?? 0, bytes: initial?.bytes ?? 0 };
  const changed = () => onChanged({ ...used });
  changed();
  return {
    used,
    count(job) {
      if (job.counted) return;
      job.counted = true;
      used.files += 1;
      used.bytes += job.file.size;
      changed();
    },
    uncount(job) {
      if (!job.counted) return;
      job.counted = false;
      used.files -= 1;
      used.bytes -= job.file.size;
      changed();
    },
  };
}
