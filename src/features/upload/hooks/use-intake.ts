import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileInput } from '../engine/types';
import { fingerprintOf } from '../intake/file-fingerprint';
import type { PickedFiles } from '../intake/read-dropped-files';
import { sortIntake } from '../intake/sort-intake';
import { intakeSliceEnd } from '../intake/intake-slice';
import { createTaskQueue } from '../intake/task-queue';

export { INTAKE_SLICE } from '../intake/intake-slice';

/** What the person is told about a pick: files left out, and why. Grows until dismissed. */
export interface IntakeNotice {
  /** Operating-system files that were skipped. */
  junk: readonly FileInput[];
  /** Files or folders the browser could not read. */
  unreadable: number;
}

export interface Intake {
  /** Hand a pick over: new files go to the engine, junk is set aside, duplicates are asked. */
  take(picked: PickedFiles): void;
  notice: IntakeNotice | null;
  dismissNotice(): void;
  /** Files already added once in this session, waiting for the person's answer. */
  duplicates: readonly FileInput[] | null;
  addDuplicates(): void;
  skipDuplicates(): void;
  /** System files skipped so far in this session (for the live region). */
  skippedTotal: number;
}

/**
 * Everything between a drop (or paste, or dialog) and `engine.addFiles`: skip operating-system
 * junk and say so, and ask before sending a file a second time in one session.
 */
export function useIntake(
  addFiles: (inputs: FileInput[]) => void,
  clock: { now(): number } = performance,
): Intake {
  const seen = useRef(new Set<string>());
  /** Slices still to hand over, in order; a later pick queues behind an earlier one. */
  const [backlog] = useState(createTaskQueue);
  const [notice, setNotice] = useState<IntakeNotice | null>(null);
  const [duplicates, setDuplicates] = useState<readonly FileInput[] | null>(null);
  const [skippedTotal, setSkippedTotal] = useState(0);

  const send = useCallback(
    (inputs: readonly FileInput[]) => {
      if (inputs.length === 0) return;
      for (const input of inputs) seen.current.add(fingerprintOf(input));
      addFiles([...inputs]);
    },
    [addFiles],
  );

  const takeSlice = useCallback(
    (slice: readonly FileInput[]) => {
      const sorted = sortIntake(slice, seen.current);
      send(sorted.fresh);
      if (sorted.junk.length > 0) {
        setNotice((before) => ({
          junk: [...(before?.junk ?? []), ...sorted.junk],
          unreadable: before?.unreadable ?? 0,
        }));
        setSkippedTotal((total) => total + sorted.junk.length);
      }
      if (sorted.duplicates.length > 0) {
        setDuplicates((before) => [...(before ?? []), ...sorted.duplicates]);
      }
    },
    [send],
  );

  /**
   * A pick is handed over in slices with a yield between them, so the page can paint and
   * answer input meanwhile: a slice is as many files as fit in a short time budget, at most
   * INTAKE_SLICE (intake-slice.ts). The first slice goes at once, so the list starts to fill
   * in the same frame.
   */
  const enqueue = useCallback(
    (inputs: readonly FileInput[], handle: (slice: readonly FileInput[]) => void) => {
      let next = 0;
      backlog.push(() => {
        const end = intakeSliceEnd(inputs, next, clock);
        handle(inputs.slice(next, end));
        next = end;
        return next < inputs.length;
      });
    },
    [backlog, clock],
  );

  // A page that goes away mid-drop stops handing files to an engine that is gone.
  useEffect(() => () => backlog.clear(), [backlog]);

  const take = useCallback(
    ({ inputs, unreadable }: PickedFiles) => {
      if (unreadable > 0) {
        setNotice((before) => ({
          junk: before?.junk ?? [],
          unreadable: (before?.unreadable ?? 0) + unreadable,
        }));
      }
      enqueue(inputs, takeSlice);
    },
    [enqueue, takeSlice],
  );

  return {
    take,
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
    duplicates,
    addDuplicates: useCallback(() => {
      if (duplicates) enqueue(duplicates, send);
      setDuplicates(null);
    }, [duplicates, enqueue, send]),
    skipDuplicates: useCallback(() => setDuplicates(null), []),
    skippedTotal,
  };
}
