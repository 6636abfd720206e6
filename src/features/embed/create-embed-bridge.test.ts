/**
 * The embed bridge with the real upload engine (on the engine's own test harness: fake clock,
 * in-memory COS and signer). The window is a recording stand-in for the browser's, so each
 * test can say exactly who posted what to which origin; e2e/embed.spec.ts runs the real thing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortalEvent } from '../../../protocol/embed-messages';
import { EMBED_PROTOCOL, EMBED_PROTOCOL_VERSION } from '../../../protocol/embed-protocol';
import {
  createHarness,
  FAKE_TIMERS,
  makeFile,
  type Harness,
} from '../upload/engine/testing/engine-harness';
import { createEmbedBridge, type EmbedBridge } from './create-embed-bridge';
import type { EmbedWindow } from './embed-origin-gate';

const HOST = 'https://forms.example.org';
const OTHER = 'https://evil.example.net';
const LINK = {
  title: 'Grant application',
  expiresAt: null,
  limits: { maxFiles: null, maxFileSize: 1000, maxTotalBytes: null, allowedTypes: [] },
};

interface TestWindow extends EmbedWindow {
  posted: Array<{ message: PortalEvent; origin: string }>;
  /** A message event as the browser would deliver it. */
  deliver(origin: string, data: unknown, fromParent?: boolean): void;
}

function testWindow(ancestors: string[] | null, framed = true): TestWindow {
  const posted: TestWindow['posted'] = [];
  let handler: Parameters<EmbedWindow['onMessage']>[0] | null = null;
  return {
    framed,
    ancestorOrigins: ancestors,
    posted,
    postToParent: (message, origin) => posted.push({ message, origin }),
    onMessage(h) {
      handler = h;
      return () => {
        handler = null;
      };
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    deliver(origin, data, fromParent = true) {
      handler?.({ origin, fromParent, data });
    },
  };
}

const command = (type: string, extra: Record<string, unknown> = {}) => ({
  protocol: EMBED_PROTOCOL,
  version: EMBED_PROTOCOL_VERSION,
  type,
  ...extra,
});

let h: Harness | null = null;
let bridge: EmbedBridge | null = null;

function makeBridge(win: TestWindow, initialOrigins: string[] | null = [HOST]) {
  bridge = createEmbedBridge({
    window: win,
    instanceId: 'i-1',
    initialOrigins,
    describe: (code) => `words for ${code}`,
  });
  bridge.start();
  return bridge;
}

function types(win: TestWindow): string[] {
  return win.posted.map((p) => p.message.type);
}

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
});

afterEach(() => {
  bridge?.stop();
  h?.engine.destroy();
  h = null;
  bridge = null;
  vi.useRealTimers();
});

describe('who may hear the portal', () => {
  it('posts only to the parent origin that ancestorOrigins names and the link allows', () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    expect(b.getAccess()).toBe('allowed');
    b.resized(321.2);
    expect(win.posted).toEqual([]); // nothing before `ready`
    b.linkReady(LINK, [HOST, 'https://cms.example.org']);
    expect(win.posted).toEqual([
      {
        origin: HOST,
        message: {
          protocol: EMBED_PROTOCOL,
          version: EMBED_PROTOCOL_VERSION,
          instanceId: 'i-1',
          type: 'ready',
          link: LINK,
        },
      },
      {
        origin: HOST,
        message: expect.objectContaining({ type: 'resize', height: 322 }),
      },
    ]);
    b.resized(322);
    expect(win.posted).toHaveLength(2);
  });

  it('refuses a parent the link does not allow, and says nothing to it ever', () => {
    const win = testWindow([OTHER]);
    const b = makeBridge(win);
    expect(b.getAccess()).toBe('blocked');
    b.linkReady(LINK, [HOST]);
    b.resized(100);
    win.deliver(OTHER, command('set-metadata', { metadata: { a: 'b' } }));
    win.deliver(OTHER, command('hello'));
    expect(win.posted).toEqual([]);
  });

  it('requires every frame above to be allowed, as frame-ancestors does', () => {
    const win = testWindow([HOST, OTHER]);
    expect(makeBridge(win).getAccess()).toBe('blocked');
  });

  it('refuses any framing page when the link allows none', () => {
    const win = testWindow([HOST], true);
    const b = makeBridge(win, null);
    expect(b.getAccess()).toBe('checking');
    b.linkReady(LINK, []);
    expect(b.getAccess()).toBe('blocked');
    expect(win.posted).toEqual([]);
  });

  it('without ancestorOrigins, learns the origin from a hello sent by the parent only', () => {
    const win = testWindow(null);
    const b = makeBridge(win);
    expect(b.getAccess()).toBe('checking');
    // Another frame (not the parent) cannot vouch for anyone.
    win.deliver(HOST, command('hello'), false);
    expect(b.getAccess()).toBe('checking');
    win.deliver(HOST, command('hello'));
    expect(b.getAccess()).toBe('allowed');
    b.linkReady(LINK, [HOST]);
    expect(win.posted.map((p) => [p.message.type, p.origin])).toEqual([['ready', HOST]]);
  });

  it('blocks at once on a hello from a parent the link does not allow', () => {
    const win = testWindow(null);
    const b = makeBridge(win);
    win.deliver(OTHER, command('hello'));
    expect(b.getAccess()).toBe('blocked');
    b.linkReady(LINK, [HOST]);
    expect(win.posted).toEqual([]);
  });

  it('blocks when no hello comes in time', () => {
    const win = testWindow(null);
    const b = makeBridge(win);
    vi.advanceTimersByTime(4999);
    expect(b.getAccess()).toBe('checking');
    vi.advanceTimersByTime(1);
    expect(b.getAccess()).toBe('blocked');
    win.deliver(HOST, command('hello'));
    expect(b.getAccess()).toBe('blocked');
  });

  it('stays silent when not framed', () => {
    const win = testWindow(null, false);
    const b = makeBridge(win);
    expect(b.getAccess()).toBe('standalone');
    b.linkReady(LINK, [HOST]);
    expect(win.posted).toEqual([]);
  });

  it('tells an allowed host that the link cannot be used, from the origins in the page', () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win, [HOST]);
    b.linkFailed('link-expired', false);
    b.linkFailed('link-expired', false);
    expect(win.posted.map((p) => p.message)).toEqual([
      expect.objectContaining({
        type: 'link-error',
        code: 'link-expired',
        message: 'words for link-expired',
        retryable: false,
      }),
    ]);
    // Words in the page's language once it has loaded.
    b.setDescribe((code) => `词 ${code}`);
    b.linkFailed('link-revoked', false);
    expect(win.posted.at(-1)!.message).toMatchObject({
      code: 'link-revoked',
      message: '词 link-revoked',
    });
  });
});

describe('commands', () => {
  function ready() {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    const engine = b.attach(h.engine);
    win.posted.length = 0;
    return { win, b, engine };
  }

  it('obeys only the verified parent at its origin, and only for this instance', async () => {
    const { win } = ready();
    const h_ = h!;
    win.deliver(OTHER, command('pause-all'));
    win.deliver(HOST, command('pause-all'), false);
    win.deliver(HOST, command('pause-all', { instanceId: 'someone-else' }));
    expect(h_.snapshot().pausedAll).toBe(false);
    win.deliver(HOST, command('pause-all', { instanceId: 'i-1' }));
    expect(h_.snapshot().pausedAll).toBe(true);
    win.deliver(HOST, command('resume-all'));
    expect(h_.snapshot().pausedAll).toBe(false);
    win.deliver(HOST, { type: 'pause-all' }); // not this protocol
    win.deliver(HOST, command('pause-all', { version: 2 }));
    expect(h_.snapshot().pausedAll).toBe(false);
    expect(win.posted).toEqual([]);
  });

  it('attaches accepted metadata to files added afterwards, and refuses bad metadata', async () => {
    const { win, engine } = ready();
    win.deliver(HOST, command('set-metadata', { metadata: { Ticket: 'x' } }));
    expect(win.posted.map((p) => p.message)).toEqual([
      expect.objectContaining({
        type: 'command-rejected',
        command: 'set-metadata',
        code: 'invalid-request',
      }),
    ]);
    engine.addFiles([{ file: makeFile('before.txt', 10) }]);
    win.deliver(HOST, command('set-metadata', { metadata: { ticket: 'T 7', name: '张三' } }));
    expect(win.posted.at(-1)!.message).toEqual(
      expect.objectContaining({
        type: 'metadata-set',
        metadata: { ticket: 'T%207', name: '%E5%BC%A0%E4%B8%89' },
      }),
    );
    engine.addFiles([{ file: makeFile('after.txt', 10) }]);
    await h!.until(h!.allSettled);
    const specs = h!.signer.calls.createUploads.flatMap((call) => call.files);
    expect(specs.find((s) => s.name === 'before.txt')).not.toHaveProperty('metadata');
    expect(specs.find((s) => s.name === 'after.txt')?.metadata).toEqual({
      ticket: 'T%207',
      name: '%E5%BC%A0%E4%B8%89',
    });
  });

  it('resets: cancels what is unfinished, reports it, and empties the list', async () => {
    const { win, engine } = ready();
    engine.pauseAll();
    engine.addFiles([{ file: makeFile('a.txt', 10) }, { file: makeFile('b.txt', 10) }]);
    await h!.advance(50);
    win.posted.length = 0;
    win.deliver(HOST, command('reset'));
    await Promise.resolve(); // the engine hands its events over at its next flush
    expect(h!.snapshot().files).toEqual([]);
    expect(h!.snapshot().pausedAll).toBe(false);
    expect(types(win)).toEqual(['progress', 'file-failed', 'file-failed', 'all-done']);
    expect(win.posted[1]!.message).toMatchObject({ status: 'cancelled', code: 'cancelled' });
  });

  it('says when there is no upload box yet', () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    win.posted.length = 0;
    win.deliver(HOST, command('reset'));
    win.deliver(HOST, command('fly'));
    expect(win.posted.map((p) => p.message)).toEqual([
      expect.objectContaining({ type: 'command-rejected', command: 'reset', code: 'not-ready' }),
      expect.objectContaining({
        type: 'command-rejected',
        command: 'fly',
        code: 'invalid-request',
      }),
    ]);
  });
});

describe('events', () => {
  it('reports each file added, its progress, its outcome, then all done, in that order', async () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    h = createHarness({
      scheduleFlush: (flush) => queueMicrotask(flush),
      limits: LINK.limits,
      latencyMs: 200,
    });
    const engine = b.attach(h.engine);
    engine.addFiles([
      { file: makeFile('a.txt', 300) },
      { file: makeFile('b.txt', 500, 'text/plain', 2) },
      { file: makeFile('big.bin', 5000) },
    ]);
    await h.until(h.allSettled);
    await h.advance(300);

    const events = win.posted.map((p) => p.message);
    expect(win.posted.every((p) => p.origin === HOST)).toBe(true);
    expect(events.every((e) => e.instanceId === 'i-1')).toBe(true);
    expect(events[0]!.type).toBe('ready');
    const added = events.filter((e) => e.type === 'file-added');
    expect(added.map((e) => e.file.name)).toEqual(['a.txt', 'b.txt', 'big.bin']);

    const big = added[2]!.file.id;
    expect(events.find((e) => e.type === 'file-failed')).toMatchObject({
      file: { id: big, name: 'big.bin', size: 5000 },
      status: 'rejected',
      code: 'file-too-large',
      message: 'words for file-too-large',
    });

    for (const name of ['a.txt', 'b.txt']) {
      const entry = h.snapshot().files.find((f) => f.name === name)!;
      const at = (pred: (e: PortalEvent) => boolean) => events.findIndex(pred);
      const addedAt = at((e) => e.type === 'file-added' && e.file.id === entry.id);
      const progressAt = events
        .map((e, i) => (e.type === 'progress' && e.files.some((f) => f.id === entry.id) ? i : -1))
        .filter((i) => i >= 0);
      const doneAt = at((e) => e.type === 'file-done' && e.file.id === entry.id);
      expect(addedAt).toBeGreaterThan(0);
      expect(progressAt.length).toBeGreaterThan(0);
      expect(progressAt[0]!).toBeGreaterThan(addedAt);
      expect(doneAt).toBeGreaterThan(progressAt.at(-1)!);
      const lastProgress = events[progressAt.at(-1)!] as Extract<PortalEvent, { type: 'progress' }>;
      expect(lastProgress.files.find((f) => f.id === entry.id)).toMatchObject({
        status: 'done',
        bytesSent: entry.size,
        progress: 1,
      });
      expect(events[doneAt]).toMatchObject({
        type: 'file-done',
        key: entry.key,
        size: entry.size,
        crc64: entry.crc64,
        etag: entry.etag,
      });
      expect(entry.key).toBeTruthy();
    }
    expect(events.at(-1)).toMatchObject({
      type: 'all-done',
      summary: { files: 3, done: 2, failed: 0, cancelled: 0, rejected: 1, bytes: 800 },
    });
    expect(events.filter((e) => e.type === 'all-done')).toHaveLength(1);
  });

  it('tells each file as added (queued, paused or rejected), then its progress, then its outcome', async () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    // The engine's own flush (a frame later): signing has begun by the time anyone looks.
    h = createHarness({ limits: LINK.limits });
    const engine = b.attach(h.engine);
    engine.addFiles([{ file: makeFile('a.txt', 300) }, { file: makeFile('big.bin', 5000) }]);
    engine.pauseAll();
    engine.addFiles([{ file: makeFile('later.txt', 10) }]);
    engine.resumeAll();
    await h.until(h.allSettled);
    await h.advance(300);

    const events = win.posted.map((p) => p.message);
    const added = events.filter((e) => e.type === 'file-added');
    expect(added.map((e) => [e.file.name, e.status])).toEqual([
      ['a.txt', 'queued'],
      ['big.bin', 'rejected'],
      ['later.txt', 'paused'],
    ]);
    for (const { file } of added) {
      const story = events.flatMap((e) => {
        if (e.type === 'progress') return e.files.some((f) => f.id === file.id) ? ['progress'] : [];
        if (e.type === 'file-added' || e.type === 'file-done' || e.type === 'file-failed') {
          return e.file.id === file.id ? [e.type] : [];
        }
        return [];
      });
      expect(story.join(' ')).toMatch(/^file-added( progress)+ (file-done|file-failed)$/);
    }
    expect(events.filter((e) => e.type === 'all-done')).toHaveLength(1);
    expect(events.at(-1)!.type).toBe('all-done');
  });

  it('keeps progress to a few events a second', async () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush), latencyMs: 2000 });
    const engine = b.attach(h.engine);
    engine.addFiles(
      Array.from({ length: 20 }, (_, i) => ({ file: makeFile(`f${i}.txt`, 100, '', i) })),
    );
    await h.until(h.allSettled);
    const started = FAKE_TIMERS.now;
    const elapsedSeconds = (Date.now() - started) / 1000;
    const progress = win.posted.filter((p) => p.message.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    // Terminal events flush progress early, so allow one per file on top of 4 a second.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsedSeconds * 4) + 20);
  });

  it('stops reporting an engine once it is destroyed, and never posts for a newer one early', async () => {
    const win = testWindow([HOST]);
    const b = makeBridge(win);
    b.linkReady(LINK, [HOST]);
    h = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    const first = b.attach(h.engine);
    const second = createHarness({ scheduleFlush: (flush) => queueMicrotask(flush) });
    const attached = b.attach(second.engine);
    first.destroy(); // an older engine going away must not detach the newer one
    attached.addFiles([{ file: makeFile('x.txt', 10) }]);
    await second.until(second.allSettled);
    await second.advance(300);
    expect(types(win)).toContain('file-done');
    attached.destroy();
    h = null;
  });
});
