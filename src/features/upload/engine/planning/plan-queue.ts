/**
 * Files waiting for a plan, in the order they were added; files the person resumed or retried
 * go first. Entries are dropped lazily (a file paused or cancelled while queued is skipped
 * when its turn comes), so every operation is O(1) amortised even with 10,000 files.
 */
import type { Job } from '../job';

export interface PlanQueue {
  push(job: Job, urgent: boolean): void;
  /** The next job for which `ready` holds; jobs that are not ready leave the queue. */
  pop(ready: (job: Job) => boolean): Job | undefined;
  /** Put a job just popped back at the front (it did not fit the batch). */
  unpop(job: Job): void;
}

export function createPlanQueue(): PlanQueue {
  const urgent: Job[] = [];
  const normal: Job[] = [];
  let head = 0;
  return {
    push(job, isUrgent) {
      if (job.queued) return;
      job.queued = true;
      (isUrgent ? urgent : normal).push(job);
    },
    unpop(job) {
      job.queued = true;
      urgent.unshift(job);
    },
    pop(ready) {
      for (;;) {
        let job: Job | undefined;
        if (urgent.length > 0) {
          job = urgent.shift();
        } else if (head < normal.length) {
          job = normal[head++];
        } else {
          normal.length = 0;
          head = 0;
          return undefined;
        }
        if (!job) continue;
        job.queued = false;
        if (ready(job)) return job;
      }
    },
  };
}
