/**
 * The engine's typed event stream: what happened to which file, in order. The embed bridge
 * and the screen-reader announcer listen to it instead of comparing snapshots. Events are
 * gathered as changes happen and handed over in one batch per store flush (../state/store.ts),
 * before the snapshot listeners hear of the same changes.
 *
 * Per file: `file-added` (status queued, paused or rejected), then `file-progress` whenever
 * its status or bytes change, then `file-done` or `file-failed` (failed, rejected or
 * cancelled); a retried file goes on from there. `all-done` follows the outcome that left
 * nothing to do.
 */
import type { EmbedSummary } from '../../../../../protocol/embed-messages';
import type { FileEntry } from '../types';

/**
 * The files of the engine when nothing was left to do: exactly what an embedding page is told
 * with `all-done` (the wire contract's summary; bytes are those of the files done).
 */
export type EngineSummary = EmbedSummary;

export type EngineEvent =
  | { type: 'file-added'; file: FileEntry }
  | { type: 'file-progress'; file: FileEntry }
  | { type: 'file-done'; file: FileEntry }
  /** `file.status` says which: failed, rejected (refused, never sent) or cancelled. */
  | { type: 'file-failed'; file: FileEntry }
  | { type: 'file-removed'; id: string }
  | { type: 'online-changed'; online: boolean }
  | { type: 'all-done'; summary: EngineSummary };

export type EngineEventListener = (events: readonly EngineEvent[]) => void;

const OUTCOMES = new Set(['done', 'failed', 'rejected', 'cancelled']);

function outcomeOf(file: FileEntry): EngineEvent {
  return { type: file.status === 'done' ? 'file-done' : 'file-failed', file };
}

/** A file just added: `file-added`, and its outcome at once when it was refused on the spot. */
export function eventsOfAdded(file: FileEntry): EngineEvent[] {
  const added: EngineEvent = { type: 'file-added', file };
  return OUTCOMES.has(file.status) ? [added, outcomeOf(file)] : [added];
}

/** The event an entry's change makes, or null when nobody needs to hear of it. */
export function eventOfChange(before: FileEntry, after: FileEntry): EngineEvent | null {
  if (before.status !== after.status && OUTCOMES.has(after.status)) return outcomeOf(after);
  if (before.status !== after.status || before.bytesSent !== after.bytesSent) {
    return { type: 'file-progress', file: after };
  }
  return null;
}

export interface EventQueue {
  subscribe(listener: EngineEventListener): () => void;
  /** Is anybody listening? Nothing is gathered otherwise. */
  readonly wanted: boolean;
  push(event: EngineEvent): void;
  /** A file was added after an `all-done` that is not handed over yet: that one no longer holds. */
  withdrawAllDone(): void;
  /** Hand the gathered events over, in order. */
  deliver(): void;
}

export function createEventQueue(): EventQueue {
  const listeners = new Set<EngineEventListener>();
  let pending: EngineEvent[] = [];
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    get wanted() {
      return listeners.size > 0;
    },
    push(event) {
      if (listeners.size > 0) pending.push(event);
    },
    withdrawAllDone() {
      if (pending.some((e) => e.type === 'all-done')) {
        pending = pending.filter((e) => e.type !== 'all-done');
      }
    },
    deliver() {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      for (const listener of [...listeners]) listener(batch);
    },
  };
}
