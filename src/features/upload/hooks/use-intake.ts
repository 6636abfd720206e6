import { useCallback, useRef, useState } from 'react';
import type { FileInput } from '../engine/types';
import { fingerprintOf } from '../intake/file-fingerprint';
import type { PickedFiles } from '../intake/read-dropped-files';
import { sortIntake } from '../intake/sort-intake';

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
export function useIntake(addFiles: (inputs: FileInput[]) => void): Intake {
  const seen = useRef(new Set<string>());
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

  const take = useCallback(
    ({ inputs, unreadable }: PickedFiles) => {
      const sorted = sortIntake(inputs, seen.current);
      send(sorted.fresh);
      if (sorted.junk.length > 0 || unreadable > 0) {
        setNotice((before) => ({
          junk: [...(before?.junk ?? []), ...sorted.junk],
          unreadable: (before?.unreadable ?? 0) + unreadable,
        }));
        setSkippedTotal((total) => total + sorted.junk.length);
      }
      if (sorted.duplicates.length > 0) {
        setDuplicates((before) => [...(before ?? []), ...sorted.duplicates]);
      }
    },
    [send],
  );

  return {
    take,
    notice,
    dismissNotice: useCallback(() => setNotice(null), []),
    duplicates,
    addDuplicates: useCallback(() => {
      if (duplicates) send(duplicates);
      setDuplicates(null);
    }, [duplicates, send]),
    skipDuplicates: useCallback(() => setDuplicates(null), []),
    skippedTotal,
  };
}
