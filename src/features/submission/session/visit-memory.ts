/**
 * What a visit remembers across a reload (in the visit store: this tab only): the answers the
 * person typed, whether they confirmed them, the terms accepted and the open submission. Never
 * the password, and not the proof of it either (it lives in memory for its half hour).
 */
import type { Answers } from './session-types';
import type { VisitStore } from '../visit-store';

export interface Remembered {
  answers: Answers;
  confirmed: boolean;
  termsAccepted: string | null;
  submission: { id: string; token: string } | null;
}

interface Stored extends Remembered {
  v: 1;
}

export interface VisitMemory {
  read(): Remembered | null;
  write(value: Remembered): void;
}

export function createVisitMemory(storage: VisitStore, linkId: string): VisitMemory {
  const key = `cos-upload-portal.submission.${linkId}`;
  return {
    read() {
      try {
        const raw = storage.get(key);
        if (!raw) return null;
        const value = JSON.parse(raw) as Stored;
        return value && value.v === 1 ? value : null;
      } catch {
        return null;
      }
    },
    write(value) {
      const stored: Stored = { v: 1, ...value };
      storage.set(key, JSON.stringify(stored));
    },
  };
}
