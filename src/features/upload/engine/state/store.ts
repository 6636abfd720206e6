/**
 * The engine's state. Every change goes through `dispatch` with a typed action; listeners hear
 * about changes at most once per scheduled flush (an animation frame, at most about ten a
 * second: env.ts), however many actions ran in between. The same flush hands the typed events
 * of those changes to event listeners first (../events/engine-events.ts).
 *
 * Built for 10,000 entries: entries live in a Map by id, so an action costs O(1); the
 * `files` array and the totals are rebuilt (O(n)) only when someone reads a snapshot after a
 * change, i.e. at most once per render. `getSnapshot()` returns the very same object until
 * something changes, as useSyncExternalStore requires.
 */
import {
  createEventQueue,
  eventOfChange,
  eventsOfAdded,
  type EngineEventListener,
  type EventQueue,
  type EngineSummary,
} from '../events/engine-events';
import type { LinkClosedCode } from '../../../../../protocol/error-codes';
import type {
  EngineSnapshot,
  FileEntry,
  FileStatus,
  UnfinishedUpload,
  UsageCounts,
} from '../types';
import { ACTIVE, computeTotals, reduceEntry, type FileAction } from './file-entry';

export type EngineAction =
  | FileAction
  | { type: 'files-added'; entries: readonly FileEntry[] }
  | { type: 'files-removed'; ids: ReadonlySet<string> }
  | { type: 'online-changed'; online: boolean }
  | { type: 'paused-all-changed'; pausedAll: boolean }
  | { type: 'unfinished-changed'; unfinished: readonly UnfinishedUpload[] }
  | { type: 'link-closed'; code: LinkClosedCode }
  | { type: 'usage-changed'; usage: UsageCounts };

export interface Store {
  dispatch(action: EngineAction): void;
  get(id: string): FileEntry | undefined;
  getSnapshot(): EngineSnapshot;
  subscribe(listener: () => void): () => void;
  subscribeEvents(listener: EngineEventListener): () => void;
  /** Stop notifying; later dispatches still apply but nobody hears about them. */
  close(): void;
}

const OUTCOME: ReadonlySet<FileStatus> = new Set<FileStatus>([
  'done',
  'failed',
  'cancelled',
  'rejected',
]);

/** Counts kept up to date entry by entry, so "nothing left to do" is known without a pass. */
function createCounts() {
  const summary: EngineSummary = {
    files: 0,
    done: 0,
    failed: 0,
    cancelled: 0,
    rejected: 0,
    bytes: 0,
  };
  let active = 0;
  const count = (entry: FileEntry, sign: 1 | -1) => {
    summary.files += sign;
    if (ACTIVE.has(entry.status)) active += sign;
    if (entry.status === 'done') {
      summary.done += sign;
      summary.bytes += sign * entry.size;
    } else if (entry.status === 'failed' || entry.status === 'cancelled') {
      summary[entry.status] += sign;
    } else if (entry.status === 'rejected') {
      summary.rejected += sign;
    }
  };
  return {
    add: (entry: FileEntry) => count(entry, 1),
    remove: (entry: FileEntry) => count(entry, -1),
    get active() {
      return active;
    },
    summary: (): EngineSummary => ({ ...summary }),
  };
}

/** The entries by id, in the order added, with their counts and the events of their changes. */
function createFileTable(events: EventQueue) {
  const entries = new Map<string, FileEntry>();
  let order: string[] = [];
  const counts = createCounts();
  /** A file was added or finished since the last `all-done`. */
  let allDoneDue = false;

  return {
    get: (id: string) => entries.get(id),
    files: () => order.map((id) => entries.get(id)!),
    add(list: readonly FileEntry[]): boolean {
      if (list.length === 0) return false;
      events.withdrawAllDone();
      for (const entry of list) {
        entries.set(entry.id, entry);
        order.push(entry.id);
        counts.add(entry);
        if (events.wanted) for (const event of eventsOfAdded(entry)) events.push(event);
      }
      allDoneDue = true;
      return true;
    },
    remove(ids: ReadonlySet<string>): boolean {
      for (const id of ids) {
        const entry = entries.get(id);
        if (!entry) continue;
        entries.delete(id);
        counts.remove(entry);
        events.push({ type: 'file-removed', id });
      }
      order = order.filter((id) => entries.has(id));
      return true;
    },
    update(action: FileAction): boolean {
      const before = entries.get(action.id);
      if (!before) return false;
      const after = reduceEntry(before, action);
      if (after === before) return false;
      entries.set(after.id, after);
      counts.remove(before);
      counts.add(after);
      if (before.status !== after.status && OUTCOME.has(after.status)) allDoneDue = true;
      if (events.wanted) {
        const event = eventOfChange(before, after);
        if (event) events.push(event);
      }
      return true;
    },
    /** Nothing queued, signing, sending or verifying. */
    get idle() {
      return counts.active === 0;
    },
    /** After a change: `all-done` once a file was added or finished and nothing is left to do. */
    settle() {
      if (allDoneDue && counts.active === 0) {
        allDoneDue = false;
        events.push({ type: 'all-done', summary: counts.summary() });
      }
    },
  };
}

export function createStore(options: {
  /** `urgent`: show this change on the next frame (see env.ts). */
  scheduleFlush: (callback: () => void, urgent?: boolean) => void;
  online: boolean;
}): Store {
  let online = options.online;
  let pausedAll = false;
  let unfinished: readonly UnfinishedUpload[] = [];
  let linkClosed: LinkClosedCode | null = null;
  let usage: UsageCounts = { files: 0, bytes: 0 };
  const listeners = new Set<() => void>();
  const events = createEventQueue();
  const table = createFileTable(events);
  let snapshot: EngineSnapshot = {
    files: [],
    totals: computeTotals([]),
    online,
    pausedAll,
    unfinished,
    linkClosed,
    usage,
  };
  let stale = false;
  let flushPending = false;
  /** The pending flush was asked for as urgent. */
  let urgentPending = false;
  let closed = false;

  function flush() {
    flushPending = false;
    urgentPending = false;
    if (closed) return;
    events.deliver();
    for (const listener of [...listeners]) listener();
  }

  function apply(action: EngineAction): boolean {
    switch (action.type) {
      case 'files-added':
        return table.add(action.entries);
      case 'files-removed':
        return table.remove(action.ids);
      case 'online-changed':
        if (online === action.online) return false;
        online = action.online;
        events.push({ type: 'online-changed', online });
        return true;
      case 'paused-all-changed':
        if (pausedAll === action.pausedAll) return false;
        pausedAll = action.pausedAll;
        return true;
      case 'unfinished-changed':
        if (unfinished.length === 0 && action.unfinished.length === 0) return false;
        unfinished = action.unfinished;
        return true;
      case 'link-closed':
        // The first reason sticks.
        if (linkClosed !== null) return false;
        linkClosed = action.code;
        return true;
      case 'usage-changed':
        if (usage.files === action.usage.files && usage.bytes === action.usage.bytes) return false;
        usage = action.usage;
        return true;
      default:
        return table.update(action);
    }
  }

  return {
    dispatch(action) {
      if (!apply(action)) return;
      table.settle();
      stale = true;
      if (closed) return;
      // With nothing left to do (the last file settled, or a change while idle), the outcome
      // shows at once rather than after the renders' interval.
      const urgent = table.idle || action.type === 'link-closed';
      if (!flushPending || (urgent && !urgentPending)) {
        flushPending = true;
        urgentPending = urgent;
        options.scheduleFlush(flush, urgent);
      }
    },
    get: table.get,
    getSnapshot() {
      if (stale) {
        stale = false;
        const files = table.files();
        const totals = computeTotals(files);
        snapshot = { files, totals, online, pausedAll, unfinished, linkClosed, usage };
      }
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    subscribeEvents: (listener) => events.subscribe(listener),
    close() {
      closed = true;
      listeners.clear();
    },
  };
}
