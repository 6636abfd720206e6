import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { useTestStack } from '../testing/test-stack';
import { Ledger, ledgerDir, readUsage, recordCompletion } from './ledger';
import { journalDir, QuotaJournal, SETTLED_CARRY_MS } from './quota-journal';
import type { StateStore } from './state-store';
import { createStateStore } from './state-store';

const t = useTestStack();
let store: StateStore;
let clock = Date.now();
const now = () => clock;

beforeAll(() => {
  store = createStateStore(t.stack.cos, '.portal/');
});

/** A journal as one signer instance sees it (its own head cache). */
function instance(): QuotaJournal {
  return new QuotaJournal({
    store,
    objectSize: async (key) => (await t.stack.cos.headObject(key))?.size ?? null,
    now,
  });
}

const newLinkId = () => randomBytes(16).toString('base64url');
const item = (linkId: string, name: string, size: number) => ({
  key: `uploads/${linkId}/${name}`,
  size,
});
const MIN = 60_000;

/**
 * A journal on an instance whose listing of the ledger lags behind (COS documents GET Bucket as
 * eventually consistent): it does not see the ledger objects `hidden` names.
 */
function laggingInstance(hidden: ReadonlySet<string>): QuotaJournal {
  const lagging: StateStore = {
    ...store,
    list: async (dir, opts) =>
      (await store.list(dir, opts)).filter((o) => !hidden.has(dir + o.name)),
  };
  return new QuotaJournal({
    store,
    ledger: new Ledger(lagging, { now }),
    objectSize: async (key) => (await t.stack.cos.headObject(key))?.size ?? null,
    now,
  });
}

describe('quota journal', () => {
  it('still counts an upload the ledger counted when another instance’s listing lags behind', async () => {
    const fresh = instance();
    const id = newLinkId();
    const limits = { maxFiles: 2, maxTotalBytes: null };
    const a = item(id, 'a', 1);
    const b = item(id, 'b', 1);
    await fresh.reserve(id, limits, [a, b], 10 * MIN);
    const before = new Set((await store.list(ledgerDir(id))).map((o) => ledgerDir(id) + o.name));
    await recordCompletion(store, id, { ...a, crc64: null, at: clock, via: 'complete' });
    const written = (await store.list(ledgerDir(id)))
      .map((o) => ledgerDir(id) + o.name)
      .filter((n) => !before.has(n));
    expect(written).toHaveLength(1);
    // An instance that sees the ledger entry drops a's reservation from the journal (here while
    // giving b's room back).
    await fresh.release(id, b.key);
    // One whose listing does not show that entry yet still counts a: one room left, not two.
    const lagging = laggingInstance(new Set(written));
    expect(await lagging.reserve(id, limits, [item(id, 'c', 1)], 10 * MIN)).toEqual([{ ok: true }]);
    expect(await lagging.reserve(id, limits, [item(id, 'd', 1)], 10 * MIN)).toMatchObject([
      { ok: false, code: 'too-many-files' },
    ]);
    expect((await lagging.use(id)).usage).toMatchObject({ files: 1, bytes: 1 });
    // Once listings have long caught up, the journal no longer carries it: the ledger counts it.
    clock += SETTLED_CARRY_MS + 1;
    await fresh.release(id, item(id, 'c', 1).key);
    const head = await store.get(
      `${journalDir(id)}${(await store.list(journalDir(id))).map((o) => o.name).pop()}`,
    );
    expect((head as { c?: unknown[] }).c).toBeUndefined();
    expect((await instance().use(id)).usage).toMatchObject({ files: 1, bytes: 1 });
  });

  it('reserves files up to the count limit, exactly, and counts a repeat only once', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 3, maxTotalBytes: null };
    const first = await q.reserve(id, limits, [item(id, 'a', 1), item(id, 'b', 1)], 10 * MIN);
    expect(first).toEqual([{ ok: true }, { ok: true }]);
    const second = await q.reserve(
      id,
      limits,
      [item(id, 'a', 1), item(id, 'c', 1), item(id, 'd', 1)],
      10 * MIN,
    );
    expect(second).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, code: 'too-many-files', limit: 3 },
    ]);
    expect(await q.inFlight(id)).toEqual({ files: 3, bytes: 3 });
  });

  it('holds the total bytes at the boundary: exactly at passes, one byte over does not', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: null, maxTotalBytes: 100 };
    expect(await q.reserve(id, limits, [item(id, 'a', 60)], 10 * MIN)).toEqual([{ ok: true }]);
    expect(await q.reserve(id, limits, [item(id, 'b', 41)], 10 * MIN)).toEqual([
      { ok: false, code: 'quota-exceeded', limit: 100, remaining: 40 },
    ]);
    expect(await q.reserve(id, limits, [item(id, 'c', 40)], 10 * MIN)).toEqual([{ ok: true }]);
    expect(await q.reserve(id, limits, [item(id, 'd', 0)], 10 * MIN)).toEqual([{ ok: true }]);
  });

  it('counts verified completions from the ledger, and keeps a reservation and its completion as one', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 2, maxTotalBytes: null };
    const a = item(id, 'a', 5);
    expect(await q.reserve(id, limits, [a], 10 * MIN)).toEqual([{ ok: true }]);
    await recordCompletion(store, id, { ...a, crc64: null, at: clock, via: 'complete' });
    expect(await q.reserve(id, limits, [item(id, 'b', 5)], 10 * MIN)).toEqual([{ ok: true }]);
    expect(await q.reserve(id, limits, [item(id, 'c', 5)], 10 * MIN)).toMatchObject([
      { ok: false, code: 'too-many-files' },
    ]);
    expect(await readUsage(store, id)).toMatchObject({ files: 1, bytes: 5 });
  });

  it('an upload in the ledger is no longer in flight, though the journal head still lists it', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 5, maxTotalBytes: null };
    const a = item(id, 'a', 100);
    const b = item(id, 'b', 100);
    await q.reserve(id, limits, [a, b], 10 * MIN);
    expect(await q.use(id)).toMatchObject({
      usage: { files: 0, bytes: 0 },
      inFlight: { files: 2, bytes: 200 },
    });
    await recordCompletion(store, id, { ...a, crc64: null, at: clock, via: 'complete' });
    expect(await q.use(id)).toMatchObject({
      usage: { files: 1, bytes: 100 },
      inFlight: { files: 1, bytes: 100 },
    });
    await recordCompletion(store, id, { ...b, crc64: null, at: clock, via: 'complete' });
    // Nothing was written to the journal since the reservation: its head still names both.
    expect((await store.list(journalDir(id))).length).toBe(1);
    expect(await q.inFlight(id)).toEqual({ files: 0, bytes: 0 });
  });

  it('never lets concurrent signers on separate instances overshoot the count limit', async () => {
    const instances = [instance(), instance(), instance()];
    const id = newLinkId();
    const limits = { maxFiles: 5, maxTotalBytes: null };
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        instances[i % 3]!.reserve(id, limits, [item(id, `f${i}`, 1)], 10 * MIN),
      ),
    );
    const accepted = outcomes.filter((o) => o[0]!.ok).length;
    expect(accepted).toBe(5);
    expect(
      outcomes.filter((o) => !o[0]!.ok).every((o) => !o[0]!.ok && o[0]!.code === 'too-many-files'),
    ).toBe(true);
    expect(await instances[0]!.inFlight(id)).toEqual({ files: 5, bytes: 5 });
  });

  it('frees the room of a reservation that ran out with nothing uploaded', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 1, maxTotalBytes: null };
    expect(await q.reserve(id, limits, [item(id, 'a', 1)], MIN)).toEqual([{ ok: true }]);
    expect(await q.reserve(id, limits, [item(id, 'b', 1)], MIN)).toMatchObject([{ ok: false }]);
    clock += MIN + 1;
    expect(await q.reserve(id, limits, [item(id, 'b', 1)], MIN)).toEqual([{ ok: true }]);
  });

  it('counts an upload that landed but was never completed once its reservation runs out', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 1, maxTotalBytes: null };
    const a = item(id, 'landed.txt', 3);
    expect(await q.reserve(id, limits, [a], MIN)).toEqual([{ ok: true }]);
    await t.stack.cos.putObject(a.key, 'abc', { contentType: 'text/plain' });
    clock += MIN + 1;
    expect(await q.reserve(id, limits, [item(id, 'b', 1)], MIN)).toMatchObject([
      { ok: false, code: 'too-many-files' },
    ]);
    const usage = await readUsage(store, id);
    expect(usage).toMatchObject({ files: 1, bytes: 3 });
    // One ledger object (a batch of one), recording it as found with its size.
    const names = (await store.list(`ledger/${id}/`)).map((o) => o.name);
    expect(names).toHaveLength(1);
    expect(await store.get(`ledger/${id}/${names[0]}`)).toMatchObject({
      e: [{ k: a.key, w: 'found', s: 3 }],
    });
  });

  it('extends a running reservation, re-reserves one that ran out if it fits, and refuses if not', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 1, maxTotalBytes: null };
    const a = item(id, 'a', 1);
    await q.reserve(id, limits, [a], 2 * MIN);
    const before = (await store.list(journalDir(id))).length;
    // Enough time left: nothing is written.
    expect(await q.ensure(id, limits, a, { minRemainingMs: MIN, ttlMs: 4 * MIN })).toEqual({
      ok: true,
    });
    expect((await store.list(journalDir(id))).length).toBe(before);
    // Too little left: extended (a new journal entry).
    clock += 1.5 * MIN;
    expect(await q.ensure(id, limits, a, { minRemainingMs: MIN, ttlMs: 4 * MIN })).toEqual({
      ok: true,
    });
    expect((await store.list(journalDir(id))).length).toBe(before + 1);
    clock += 3 * MIN; // still inside the extension
    expect(await q.reserve(id, limits, [item(id, 'b', 1)], MIN)).toMatchObject([{ ok: false }]);
    clock += 2 * MIN; // ran out
    expect(await q.ensure(id, limits, a, { minRemainingMs: 0, ttlMs: MIN })).toEqual({ ok: true });
    clock += 2 * MIN;
    await q.reserve(id, limits, [item(id, 'b', 1)], 10 * MIN);
    expect(await q.ensure(id, limits, a, { minRemainingMs: 0, ttlMs: MIN })).toEqual({
      ok: false,
      code: 'too-many-files',
      limit: 1,
    });
  });

  it('gives back the room of a released upload', async () => {
    const q = instance();
    const id = newLinkId();
    const limits = { maxFiles: 1, maxTotalBytes: null };
    await q.reserve(id, limits, [item(id, 'a', 1)], 10 * MIN);
    await q.release(id, item(id, 'a', 1).key);
    expect(await q.reserve(id, limits, [item(id, 'b', 1)], 10 * MIN)).toEqual([{ ok: true }]);
  });

  it('keeps only the newest journal entries', async () => {
    const q = new QuotaJournal({
      store,
      objectSize: async () => null,
      now,
      keepEntries: 3,
    });
    const id = newLinkId();
    const limits = { maxFiles: 100, maxTotalBytes: null };
    for (let i = 0; i < 8; i++) await q.reserve(id, limits, [item(id, `f${i}`, 1)], 10 * MIN);
    // Deletions are best effort and asynchronous: give them a moment.
    await new Promise((r) => setTimeout(r, 200));
    const names = (await store.list(journalDir(id))).map((o) => o.name);
    expect(names).toEqual(['000000000006', '000000000007', '000000000008']);
    // A fresh instance (no cache) still finds the head and all 8 reservations.
    expect(await instance().inFlight(id)).toEqual({ files: 8, bytes: 8 });
  });
});
