import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestStack } from '../testing/test-stack';
import type { LedgerEntry } from './ledger';
import { Ledger, ledgerDir, uploadKeyHash } from './ledger';
import type { StateStore } from './state-store';
import { createStateStore } from './state-store';

const t = useTestStack();
let store: StateStore;
let clock = Date.now();
const now = () => clock;

beforeAll(() => {
  store = createStateStore(t.stack.cos, '.portal/');
});

const newLinkId = () => randomBytes(16).toString('base64url');
const entry = (linkId: string, name: string, size: number, crc64: string | null = null) =>
  ({
    key: `uploads/${linkId}/${name}`,
    size,
    crc64,
    at: clock++,
    via: 'complete',
  }) satisfies LedgerEntry;

/** The signer's own requests (header-signed) while `fn` runs. */
async function requestsOf(fn: () => Promise<unknown>) {
  t.stack.resetStats();
  await fn();
  const { list = 0, get = 0, put = 0 } = t.stack.stats().byAuth.header;
  return { list, get, put };
}

describe('completion ledger in batches', () => {
  it('counts each upload once across batches and both formats, and forgets what was withdrawn', async () => {
    const writer = new Ledger(store, { now });
    const id = newLinkId();
    const a = entry(id, 'a', 10);
    const b = entry(id, 'b', 20);
    const c = entry(id, 'c', 40);
    expect(await requestsOf(() => writer.record(id, null, [a, b]))).toEqual({
      list: 0,
      get: 0,
      put: 1,
    });
    // b again (a complete repeated after a lost answer), and c inside a submission.
    await writer.record(id, null, [b]);
    await writer.record(id, 'Sub0000000000000000001', [c]);
    // An upload counted by a signer before batches: one object named by key hash and size.
    await store.put(`${ledgerDir(id)}${uploadKeyHash(`uploads/${id}/d`)}.5`, {});
    const reader = new Ledger(store, { now });
    expect(await reader.usage(id)).toMatchObject({ files: 4, bytes: 75 });
    await writer.withdraw(id, 'Sub0000000000000000001', c.key);
    const after = await reader.usage(id);
    expect(after).toMatchObject({ files: 3, bytes: 35 });
    expect(after.hashes.has(uploadKeyHash(c.key))).toBe(false);
    expect(after.hashes.has(uploadKeyHash(a.key))).toBe(true);
  });

  it('reads a batch once per instance: a later read is one listing plus what is new', async () => {
    const writer = new Ledger(store, { now });
    const id = newLinkId();
    for (let i = 0; i < 3; i++) await writer.record(id, null, [entry(id, `f${i}`, 1)]);
    const reader = new Ledger(store, { now });
    expect(await requestsOf(() => reader.usage(id))).toEqual({ list: 1, get: 3, put: 0 });
    expect(await requestsOf(() => reader.usage(id))).toEqual({ list: 1, get: 0, put: 0 });
    await writer.record(id, null, [entry(id, 'new', 1)]);
    expect(await requestsOf(() => reader.usage(id))).toEqual({ list: 1, get: 1, put: 0 });
    expect((await reader.usage(id)).files).toBe(4);
    // What an instance wrote itself it never reads back.
    expect(await requestsOf(() => writer.usage(id))).toEqual({ list: 1, get: 0, put: 0 });
  });

  it('a cold reader of a big link reads one checkpoint instead of every batch', async () => {
    const writer = new Ledger(store, { now });
    const id = newLinkId();
    for (let i = 0; i < 12; i++) {
      await writer.record(id, i % 2 ? null : 'Sub0000000000000000002', [
        entry(id, `f${i}`, i + 1),
        entry(id, `g${i}`, 100),
      ]);
    }
    const first = new Ledger(store, { now, checkpointAfter: 5 });
    const expected = { files: 24, bytes: 78 + 1200 };
    expect(await first.usage(id)).toMatchObject(expected);
    // Written in the background after that read.
    const checkpoints = async () =>
      (await store.list(ledgerDir(id))).map((o) => o.name).filter((n) => n.startsWith('c.'));
    for (let t = 0; t < 50 && (await checkpoints()).length === 0; t++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await checkpoints()).toHaveLength(1);
    const cold = new Ledger(store, { now, checkpointAfter: 5 });
    expect(
      await requestsOf(async () => expect(await cold.usage(id)).toMatchObject(expected)),
    ).toEqual({ list: 1, get: 1, put: 0 });
    // Batches written after the checkpoint are read as well; withdrawals still apply.
    await writer.record(id, null, [entry(id, 'late', 1000)]);
    await writer.withdraw(id, 'Sub0000000000000000002', `uploads/${id}/f0`);
    const cold2 = new Ledger(store, { now, checkpointAfter: 5 });
    expect(
      await requestsOf(async () =>
        expect(await cold2.usage(id)).toMatchObject({ files: 24, bytes: 78 + 1200 + 1000 - 1 }),
      ),
    ).toEqual({ list: 1, get: 2, put: 0 });
  });

  it('a checkpoint that vanished (replaced meanwhile) only costs reading the batches', async () => {
    const writer = new Ledger(store, { now });
    const id = newLinkId();
    for (let i = 0; i < 3; i++) await writer.record(id, null, [entry(id, `f${i}`, 1)]);
    await store.put(`${ledgerDir(id)}c.0000000000001.gone0000`, { v: 1, covers: [], e: [] });
    await store.delete(`${ledgerDir(id)}c.0000000000001.gone0000`);
    await store.put(`${ledgerDir(id)}c.9999999999999.broken00`, 'not a checkpoint');
    expect((await new Ledger(store, { now }).usage(id)).files).toBe(3);
  });

  it('a submission’s verified files: one listing of its folder, the earliest record of each', async () => {
    const ledger = new Ledger(store, { now });
    const id = newLinkId();
    const sub = 'Sub0000000000000000003';
    const a = entry(id, 'a', 1, '11');
    const b = entry(id, 'b', 2, '22');
    await ledger.record(id, sub, [a, b]);
    await ledger.record(id, sub, [{ ...a, at: a.at + 1000 }]);
    await ledger.record(id, null, [entry(id, 'outside', 3)]);
    await ledger.record(id, 'Sub0000000000000000004', [entry(id, 'other', 4)]);
    const mine = await new Ledger(store, { now }).scope(id, sub);
    expect(mine).toEqual(
      new Map([
        [uploadKeyHash(a.key), { size: 1, crc64: '11', at: a.at }],
        [uploadKeyHash(b.key), { size: 2, crc64: '22', at: b.at }],
      ]),
    );
    await ledger.withdraw(id, sub, b.key);
    expect([...(await ledger.scope(id, sub)).keys()]).toEqual([uploadKeyHash(a.key)]);
    const all = await new Ledger(store, { now }).scopes(id);
    expect([...all.keys()].sort()).toEqual([sub, 'Sub0000000000000000004']);
  });
});
