/**
 * Test harness: an engine wired to FakeCos + FakeSigner + FakeTransport + the in-process
 * hasher, on vitest's fake clock, with helpers to run time forward until a condition holds.
 * Test-only.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import type { LinkLimits } from '../../../../../protocol/schemas';
import { createInlineCrc64Hasher } from '../integrity/crc64-hasher';
import { createUploadEngine } from '../create-upload-engine';
import type { OnlineSource } from '../env';
import type { Hasher } from '../ports/hasher';
import type { EngineOptions } from '../options';
import type { ResumeStore } from '../ports/resume-store';
import type { EngineSnapshot, FileEntry } from '../types';
import { FakeCos } from './fake-cos';
import { FakeSigner, type FakeSignerOptions } from './fake-signer';
import { FakeTransport } from './fake-transport';

/** Timers and Date are faked; setImmediate stays real so Blob reads can complete. */
export const FAKE_TIMERS = {
  toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as (
    'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval' | 'Date'
  )[],
  now: Date.UTC(2026, 0, 1),
};

/** vitest's fake clock around each test of the file, and the test's engine destroyed after it. */
export function fakeClockPerTest(current: () => Harness | null | undefined): void {
  beforeEach(() => {
    vi.useFakeTimers(FAKE_TIMERS);
  });
  afterEach(() => {
    current()?.engine.destroy();
    vi.useRealTimers();
  });
}

const realSetImmediate = (globalThis as { setImmediate?: (cb: () => void) => unknown })
  .setImmediate;

/** Let real I/O callbacks (Blob reads) run. */
export function yieldReal(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (realSetImmediate) realSetImmediate(resolve);
    else queueMicrotask(resolve);
  });
}

export class ManualOnline implements OnlineSource {
  private readonly listeners = new Set<(online: boolean) => void>();
  constructor(private online = true) {}
  isOnline() {
    return this.online;
  }
  subscribe(listener: (online: boolean) => void) {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  set(online: boolean) {
    this.online = online;
    for (const listener of [...this.listeners]) listener(online);
  }
}

/** A File of `size` deterministic bytes (different seeds give different content). */
export function makeFile(name: string, size: number, type = 'application/octet-stream', seed = 1) {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return new File([bytes as BlobPart], name, { type });
}

export interface HarnessOptions {
  options?: EngineOptions;
  limits?: LinkLimits | null;
  usage?: { files: number; bytes: number } | null;
  signer?: Partial<Omit<FakeSignerOptions, 'cos' | 'now'>>;
  latencyMs?: number;
  online?: boolean;
  hasher?: Hasher;
  scheduleFlush?: (callback: () => void) => void;
  resume?: ResumeStore | null;
  /** The configured storage origin (signed URLs elsewhere are refused). */
  storageOrigin?: string | null;
  /**
   * The server side (COS + signer) of an earlier harness: a second engine on the same bucket,
   * as after a page reload.
   */
  server?: { cos: FakeCos; signer: FakeSigner };
}

export function createHarness(h: HarnessOptions = {}) {
  const cos = h.server?.cos ?? new FakeCos(() => Date.now() + (h.signer?.skewMs ?? 0));
  const signer = h.server?.signer ?? new FakeSigner({ cos, now: () => Date.now(), ...h.signer });
  const transport = new FakeTransport(cos, h.latencyMs ?? 10);
  const online = new ManualOnline(h.online ?? true);
  const engine = createUploadEngine({
    signer,
    transport,
    hasher: h.hasher ?? createInlineCrc64Hasher({ sliceBytes: 64 * 1024 }),
    limits: h.limits ?? null,
    usage: h.usage ?? null,
    resume: h.resume ?? null,
    storageOrigin: h.storageOrigin ?? null,
    options: { stallTimeoutMs: 30_000, ...h.options },
    env: {
      now: () => Date.now(),
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: () => 0.5,
      online$: online,
      ...(h.scheduleFlush ? { scheduleFlush: h.scheduleFlush } : {}),
    },
  });

  const snapshot = (): EngineSnapshot => engine.getSnapshot();
  const entry = (index = 0): FileEntry => {
    const e = snapshot().files[index];
    if (!e) throw new Error(`no entry #${index}`);
    return e;
  };

  async function advance(ms: number, step = 5) {
    for (let t = 0; t < ms; t += step) {
      await yieldReal();
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - t));
    }
    await yieldReal();
  }

  /** Run the clock (and real I/O) until `predicate` holds; fail after `maxMs` of fake time. */
  async function until(predicate: () => boolean, maxMs = 120_000, step = 10): Promise<void> {
    for (let t = 0; t <= maxMs; t += step) {
      if (predicate()) return;
      await yieldReal();
      await vi.advanceTimersByTimeAsync(step);
    }
    if (predicate()) return;
    const statuses = snapshot()
      .files.slice(0, 10)
      .map((f) => `${f.name}:${f.status}${f.error ? `(${f.error.code})` : ''}`)
      .join(', ');
    throw new Error(`condition not reached within ${maxMs} ms; files: ${statuses}`);
  }

  const allSettled = () =>
    snapshot().files.every((f) => ['done', 'failed', 'cancelled', 'rejected'].includes(f.status));

  return { engine, cos, signer, transport, online, snapshot, entry, advance, until, allSettled };
}

export type Harness = ReturnType<typeof createHarness>;
