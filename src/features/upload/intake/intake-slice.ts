import type { FileInput } from '../engine/types';

/** At most this many files per task, however cheap they are. */
export const INTAKE_SLICE = 500;
/** Time one task may spend reading files' facts before it yields. */
export const INTAKE_BUDGET_MS = 20;
/** The clock is read once per this many files. */
const CHECK_EVERY = 8;

/**
 * Where the slice that starts at `from` ends. The first read of a picked file's size or date
 * can be a round trip to the browser process: Chromium looks up files that come from the file
 * dialog or a desktop drop one by one, about a quarter of a millisecond each here, which is
 * 2.5 s for 10,000 files in one task. This reads them (the browser keeps the answer) until the
 * time budget is spent, so everything after it in the slice is cheap and the task stays short.
 */
export function intakeSliceEnd(
  inputs: readonly FileInput[],
  from: number,
  clock: { now(): number },
): number {
  const started = clock.now();
  let end = from;
  while (end < inputs.length && end - from < INTAKE_SLICE) {
    const { file } = inputs[end]!;
    // Read for their cost alone: what follows (checks, fingerprints, the list) reads them again.
    void file.size;
    void file.lastModified;
    end++;
    if ((end - from) % CHECK_EVERY === 0 && clock.now() - started >= INTAKE_BUDGET_MS) break;
  }
  return end;
}
