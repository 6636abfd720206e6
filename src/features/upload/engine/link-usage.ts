/**
 * Files and bytes counted against the link's limits: what the link had used when the page
 * loaded plus the files this page accepted and has not given up (cancelled or refused).
 * New files are checked against it (file-checks.ts); the signer enforces the same limits.
 */
import type { Job } from './job';

export interface LinkUsage {
  readonly used: { files: number; bytes: number };
  count(job: Job): void;
  uncount(job: Job): void;
}

export function createLinkUsage(initial: { files: number; bytes: number } | null): LinkUsage {
  const used = { files: initial?.files ?? 0, bytes: initial?.bytes ?? 0 };
  return {
    used,
    count(job) {
      if (job.counted) return;
      job.counted = true;
      used.files += 1;
      used.bytes += job.file.size;
    },
    uncount(job) {
      if (!job.counted) return;
      job.counted = false;
      used.files -= 1;
      used.bytes -= job.file.size;
    },
  };
}
