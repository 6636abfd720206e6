import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeUploadEngine, fileEntry } from '../components/testing/fake-upload-engine';
import { createEngineSession, MAX_RENDER_INTERVAL_MS, renderIntervalFor } from './engine-session';

afterEach(() => vi.useRealTimers());

const files = (count: number) =>
  Array.from({ length: count }, (_, i) => fileEntry({ id: `f${i}`, name: `f${i}` }));

/** A session running a fake engine of these files, and a listener that reads every render. */
function startedOn(entries: ReturnType<typeof files>) {
  const session = createEngineSession({ now: () => Date.now() });
  const engine = createFakeUploadEngine(entries);
  const heard = vi.fn(() => session.getSnapshot());
  session.subscribe(heard);
  session.start(() => engine);
  return { session, engine, heard };
}

describe('renderIntervalFor', () => {
  it('lets a few files render every frame and slows down to ten renders a second for 1,000', () => {
    expect(renderIntervalFor(0)).toBe(0);
    expect(renderIntervalFor(100)).toBe(0);
    expect(renderIntervalFor(300)).toBe(30);
    expect(renderIntervalFor(1_000)).toBe(MAX_RENDER_INTERVAL_MS);
    expect(renderIntervalFor(10_000)).toBe(MAX_RENDER_INTERVAL_MS);
    expect(renderIntervalFor(1_000_000)).toBe(MAX_RENDER_INTERVAL_MS);
  });
});

describe('createEngineSession', () => {
  it('passes every change on at once while there are few files', () => {
    const session = createEngineSession();
    const engine = createFakeUploadEngine();
    const heard = vi.fn();
    session.subscribe(heard);
    session.start(() => engine);
    for (let i = 1; i <= 3; i++) {
      engine.setFiles(files(i));
      session.getSnapshot();
    }
    expect(heard).toHaveBeenCalledTimes(4);
  });

  it('gathers the changes of 10,000 files into one render per interval, the last one kept', () => {
    vi.useFakeTimers();
    const { session, engine, heard } = startedOn(files(10_000));
    expect(heard).toHaveBeenCalledTimes(1);

    // Sixty engine flushes in one second…
    for (let frame = 0; frame < 60; frame++) {
      engine.setFiles(files(10_000));
      vi.advanceTimersByTime(1000 / 60);
    }
    // …become about ten renders.
    expect(heard.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(heard.mock.calls.length).toBeLessThanOrEqual(12);

    // A change after a quiet spell is not lost: it arrives when the pause is over.
    const before = heard.mock.calls.length;
    engine.setFiles(files(9_999));
    vi.advanceTimersByTime(MAX_RENDER_INTERVAL_MS);
    expect(heard.mock.calls.length).toBe(before + 1);
    expect(session.getSnapshot().files).toHaveLength(9_999);
  });

  it('forgets a pending render when stopped', () => {
    vi.useFakeTimers();
    const { session, engine, heard } = startedOn(files(10_000));
    engine.setFiles(files(10_000));
    session.stop();
    vi.advanceTimersByTime(MAX_RENDER_INTERVAL_MS);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
