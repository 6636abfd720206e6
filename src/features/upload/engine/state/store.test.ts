import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../events/engine-events';
import { fileEntry } from '../testing/file-entry-fixture';
import { createStore, type EngineAction } from './store';

/** The action of a file COS holds and the signer verified. */
const verified = (id: string): EngineAction => ({
  type: 'stage',
  id,
  stage: 'done',
  event: { type: 'verified', key: 'k', etag: '"e"', crc64: null },
  at: 1,
});

function storeWithFlushes() {
  const flushes: (() => void)[] = [];
  const store = createStore({ scheduleFlush: (f) => flushes.push(f), online: true });
  const flush = () => {
    while (flushes.length > 0) flushes.shift()!();
  };
  return { store, flushes, flush };
}

describe('createStore', () => {
  it('ignores actions for unknown ids without notifying', () => {
    const { store, flushes } = storeWithFlushes();
    const before = store.getSnapshot();
    store.dispatch(verified('nope'));
    store.dispatch({ type: 'online-changed', online: true });
    expect(flushes).toHaveLength(0);
    expect(store.getSnapshot()).toBe(before);
  });

  it('hands the events of a flush over in order, before the snapshot listeners hear of it', () => {
    const { store, flush } = storeWithFlushes();
    const heard: string[] = [];
    store.subscribeEvents((events) => heard.push(...events.map((e) => e.type)));
    store.subscribe(() => heard.push('snapshot'));
    store.dispatch({
      type: 'files-added',
      entries: [
        fileEntry({ name: 'a', status: 'queued' }),
        fileEntry({ name: 'b', status: 'rejected' }),
      ],
    });
    store.dispatch({ type: 'progress', id: 'a', bytesSent: 10, speed: 1 });
    store.dispatch({ type: 'hashed', id: 'a', crc64: '1' }); // no event: nothing a listener needs
    expect(heard).toEqual([]);
    flush();
    expect(heard).toEqual(['file-added', 'file-added', 'file-failed', 'file-progress', 'snapshot']);
  });

  it('tells nothing more of a file after its outcome until it starts over', () => {
    const { store, flush } = storeWithFlushes();
    const heard: string[] = [];
    store.subscribeEvents((events) => heard.push(...events.map((e) => e.type)));
    const failed = fileEntry({ name: 'a', status: 'failed', bytesSent: 500 });
    store.dispatch({ type: 'files-added', entries: [failed] });
    flush();
    heard.length = 0;
    // Stopped by the link's end: it loses the part it held, but its story has ended.
    const revoked = { code: 'link-revoked' as const };
    store.dispatch({
      type: 'stage',
      id: 'a',
      stage: 'closed',
      event: { type: 'link-closed', error: revoked },
      at: 1,
    });
    flush();
    expect(store.get('a')).toMatchObject({ status: 'failed', bytesSent: 0, error: revoked });
    expect(heard).toEqual([]);
    // A Retry starts it over: heard of again.
    store.dispatch({
      type: 'stage',
      id: 'a',
      stage: 'to-sign',
      event: { type: 'retry', keep: 'none', rehash: false },
      at: 2,
    });
    flush();
    expect(heard).toEqual(['file-progress']);
  });

  it('keeps the link’s end (the first reason) and its usage in the snapshot', () => {
    const { store } = storeWithFlushes();
    expect(store.getSnapshot()).toMatchObject({ linkClosed: null, usage: { files: 0, bytes: 0 } });
    store.dispatch({ type: 'usage-changed', usage: { files: 2, bytes: 30 } });
    store.dispatch({ type: 'link-closed', code: 'link-expired' });
    store.dispatch({ type: 'link-closed', code: 'link-revoked' });
    expect(store.getSnapshot()).toMatchObject({
      linkClosed: 'link-expired',
      usage: { files: 2, bytes: 30 },
    });
  });

  it('says all-done once nothing is left to do, with the counts of that moment', () => {
    const { store, flush } = storeWithFlushes();
    const events: EngineEvent[] = [];
    store.subscribeEvents((batch) => events.push(...batch));
    store.dispatch({ type: 'files-added', entries: [fileEntry({ name: 'a', size: 7 })] });
    store.dispatch(verified('a'));
    store.dispatch({ type: 'files-removed', ids: new Set(['a']) });
    flush();
    expect(events.map((e) => e.type)).toEqual([
      'file-added',
      'file-done',
      'all-done',
      'file-removed',
    ]);
    expect(events[2]).toEqual({
      type: 'all-done',
      summary: { files: 1, done: 1, failed: 0, cancelled: 0, rejected: 0, bytes: 7 },
    });
  });

  it('takes back an all-done not yet handed over when another file arrives', () => {
    const { store, flush } = storeWithFlushes();
    const types: string[] = [];
    store.subscribeEvents((batch) => types.push(...batch.map((e) => e.type)));
    store.dispatch({
      type: 'files-added',
      entries: [fileEntry({ name: 'a', status: 'rejected' })],
    });
    store.dispatch({ type: 'files-added', entries: [fileEntry({ name: 'b' })] });
    flush();
    expect(types).toEqual(['file-added', 'file-failed', 'file-added']);
  });
});

describe('how soon a change shows', () => {
  it('asks for an urgent flush once nothing is left to do, even with one already waiting', () => {
    const asked: boolean[] = [];
    const store = createStore({
      scheduleFlush: (_f, urgent) => asked.push(urgent === true),
      online: true,
    });
    store.dispatch({ type: 'files-added', entries: [fileEntry({ name: 'a', status: 'queued' })] });
    // A file at work: the usual flush, at most ten a second.
    expect(asked).toEqual([false]);
    store.dispatch({ type: 'progress', id: 'a', bytesSent: 10, speed: 1 });
    expect(asked).toEqual([false]);
    // The last file settles while that flush waits: ask again, urgently, once.
    store.dispatch(verified('a'));
    expect(asked).toEqual([false, true]);
    store.dispatch({ type: 'online-changed', online: false });
    expect(asked).toEqual([false, true]);
  });
});
