import { createHash, randomBytes } from 'node:crypto';
import type { StateStore } from './state-store';

/**
 * The completion ledger: what a link has really received, verified, under `ledger/<linkId>/`.
 * A verification writes **one object per batch**, not one per file, so verifying a hundred
 * uploads costs one write:
 *
 * | name (below `ledger/<linkId>/`) | what |
 * |---|---|
 * | `<scope>/b.<time>.<rand>` | a batch of counted uploads: `{v: 1, e: [{h, k, s, c, t, w}]}` (key hash, key, size, CRC-64, when, `complete` or `found`) |
 * | `<scope>/x.<keyHash>.<time>` | a withdrawal: an upload recorded, then removed (its submission closed without it) |
 * | `c.<time>.<rand>` | a checkpoint: the union of the batches it names, so a reader new to a big link need not read them all |
 * | `<keyHash>.<size>` | one counted upload, as signers before batches wrote them (still read) |
 *
 * `<scope>` is the submission the uploads belong to, or `_` for uploads outside one, so a
 * submission's verified files are one listing of its own folder (server/submissions), while
 * the link's usage is one listing of the whole ledger.
 *
 * Batches are never changed or deleted, so any instance may keep what it read of them: a usage
 * read costs one listing plus a read of each batch this instance has not seen yet (with a
 * checkpoint, at most a few). An upload counted twice (a complete repeated after a lost answer,
 * or found by the quota journal as well) appears in two batches and is counted once: readers
 * deduplicate by key hash. Writes need no create-if-absent: a batch name is new by
 * construction.
 */
export interface LedgerEntry {
  key: string;
  size: number;
  crc64: string | null;
  /** When it was counted (ms since the epoch). */
  at: number;
  /** `complete`: the browser's complete call verified it; `found`: the object was found in the
   * bucket after its reservation ran out or its submission closed (uploaded, never completed). */
  via: 'complete' | 'found';
}

export interface Usage {
  files: number;
  bytes: number;
  /** Key hashes of every counted upload. */
  hashes: ReadonlySet<string>;
}

/** A counted upload as a scope's readers see it (the earliest record of each key). */
export interface CountedUpload {
  size: number;
  crc64: string | null;
  at: number;
}

/** 128 bits of SHA-256 of the object key, base64url: stable, short, and safe as a name. */
export function uploadKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().subarray(0, 16).toString('base64url');
}

export const ledgerDir = (linkId: string) => `ledger/${linkId}/`;
/** The scope of uploads that belong to no submission. */
export const LINK_SCOPE = '_';
const scopeDir = (linkId: string, scope: string | null) =>
  `${ledgerDir(linkId)}${scope ?? LINK_SCOPE}/`;

const HASH = '[A-Za-z0-9_-]{1,64}';
const BATCH = /^b\.\d{13}\.[A-Za-z0-9_-]{8,16}$/;
const WITHDRAWAL = new RegExp(`^x\\.(${HASH})\\.\\d{13}$`);
const CHECKPOINT = /^c\.\d{13}\.[A-Za-z0-9_-]{8,16}$/;
const LEGACY = new RegExp(`^(${HASH})\\.(\\d{1,16})$`);
const SCOPE = /^[A-Za-z0-9_-]{1,64}$/;

const stamp = (ms: number) => String(Math.max(0, Math.floor(ms))).padStart(13, '0');
const suffix = () => randomBytes(6).toString('base64url');

interface Recorded {
  h: string;
  s: number;
  c: string | null;
  t: number;
}

function parseBatch(value: unknown): Recorded[] | null {
  const v = value as { v?: unknown; e?: unknown } | null;
  if (!v || v.v !== 1 || !Array.isArray(v.e)) return null;
  const out: Recorded[] = [];
  for (const raw of v.e as unknown[]) {
    const e = raw as Partial<{ h: unknown; s: unknown; c: unknown; t: unknown }> | null;
    if (
      !e ||
      typeof e.h !== 'string' ||
      !Number.isSafeInteger(e.s) ||
      !(e.c === null || e.c === undefined || typeof e.c === 'string')
    ) {
      continue;
    }
    out.push({
      h: e.h,
      s: e.s as number,
      c: (e.c as string | null | undefined) ?? null,
      t: Number.isFinite(e.t) ? (e.t as number) : 0,
    });
  }
  return out;
}

interface Checkpoint {
  covers: ReadonlySet<string>;
  entries: Recorded[];
}

function parseCheckpoint(value: unknown): Checkpoint | null {
  const v = value as { v?: unknown; covers?: unknown } | null;
  const entries = parseBatch(value);
  if (!v || !entries || !Array.isArray(v.covers)) return null;
  return { covers: new Set(v.covers.filter((n): n is string => typeof n === 'string')), entries };
}

/** A listing of a link's ledger, sorted into what each name is. */
interface LedgerListing {
  /** Batch names relative to the link's ledger folder (`<scope>/b.…`). */
  batches: string[];
  /** Withdrawn key hashes, by scope. */
  withdrawn: Map<string, Set<string>>;
  /** Checkpoint names, oldest first. */
  checkpoints: string[];
  /** Uploads of the per-file format: key hash → size. */
  legacy: Map<string, number>;
}

function sortListing(names: readonly string[]): LedgerListing {
  const l: LedgerListing = {
    batches: [],
    withdrawn: new Map(),
    checkpoints: [],
    legacy: new Map(),
  };
  for (const name of names) {
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (CHECKPOINT.test(name)) l.checkpoints.push(name);
      const m = LEGACY.exec(name);
      if (m && !l.legacy.has(m[1]!)) l.legacy.set(m[1]!, Number(m[2]));
      continue;
    }
    const scope = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (!SCOPE.test(scope)) continue;
    if (BATCH.test(rest)) l.batches.push(name);
    const w = WITHDRAWAL.exec(rest);
    if (w) {
      let set = l.withdrawn.get(scope);
      if (!set) l.withdrawn.set(scope, (set = new Set()));
      set.add(w[1]!);
    }
  }
  l.checkpoints.sort();
  return l;
}

export interface LedgerOptions {
  now: () => number;
  /** Entries kept in memory from batches and checkpoints read (oldest dropped first). */
  cacheEntries?: number;
  /** A usage read that had to read this many batches not in a checkpoint writes a new one. */
  checkpointAfter?: number;
}

const READ_CONCURRENCY = 8;

export class Ledger {
  private readonly now: () => number;
  private readonly cacheEntries: number;
  private readonly checkpointAfter: number;
  /** Batches and checkpoints already read, by state path: they never change. */
  private readonly cache = new Map<string, Recorded[] | Checkpoint>();
  private cached = 0;
  private readonly checkpointing = new Set<string>();

  constructor(
    private readonly store: StateStore,
    options: LedgerOptions,
  ) {
    this.now = options.now;
    this.cacheEntries = options.cacheEntries ?? 200_000;
    this.checkpointAfter = options.checkpointAfter ?? 64;
  }

  /**
   * Counts uploads: one object for all of them. `scope` is their submission (null: none).
   * Returns the batch's name.
   */
  async record(linkId: string, scope: string | null, entries: readonly LedgerEntry[]) {
    if (scope !== null && !SCOPE.test(scope)) throw new Error(`invalid ledger scope "${scope}"`);
    const path = `${scopeDir(linkId, scope)}b.${stamp(this.now())}.${suffix()}`;
    const e = entries.map((x) => ({
      h: uploadKeyHash(x.key),
      k: x.key,
      s: x.size,
      c: x.crc64,
      t: x.at,
      w: x.via,
    }));
    await this.store.put(path, { v: 1, e });
    this.remember(path, parseBatch({ v: 1, e })!);
    return path;
  }

  /** Takes back an upload recorded in `scope` (its object was removed): no reader counts it. */
  async withdraw(linkId: string, scope: string | null, key: string): Promise<void> {
    await this.store.put(
      `${scopeDir(linkId, scope)}x.${uploadKeyHash(key)}.${stamp(this.now())}`,
      {},
    );
  }

  /** Files and bytes counted for a link: one listing, plus the batches not read before. */
  async usage(linkId: string): Promise<Usage> {
    const dir = ledgerDir(linkId);
    const l = sortListing((await this.store.list(dir)).map((o) => o.name));
    const counted = new Map<string, number>();
    const newest = l.checkpoints[l.checkpoints.length - 1];
    const checkpoint = newest ? await this.readCheckpoint(dir + newest) : null;
    for (const e of checkpoint?.entries ?? []) if (!counted.has(e.h)) counted.set(e.h, e.s);
    for (const [h, s] of l.legacy) if (!counted.has(h)) counted.set(h, s);
    const uncovered = checkpoint ? l.batches.filter((n) => !checkpoint.covers.has(n)) : l.batches;
    const batches = await this.readBatches(uncovered.map((n) => dir + n));
    for (const entries of batches)
      for (const e of entries) if (!counted.has(e.h)) counted.set(e.h, e.s);
    if (uncovered.length >= this.checkpointAfter) {
      // Best effort, in the background: a checkpoint only saves later readers some reads.
      void this.writeCheckpoint(linkId, l.checkpoints, checkpoint, uncovered, batches).catch(
        () => {},
      );
    }
    for (const set of l.withdrawn.values()) for (const h of set) counted.delete(h);
    let bytes = 0;
    for (const s of counted.values()) bytes += s;
    return { files: counted.size, bytes, hashes: new Set(counted.keys()) };
  }

  /** A scope's counted uploads (a submission's verified files), by key hash. */
  async scope(linkId: string, scope: string): Promise<Map<string, CountedUpload>> {
    const dir = scopeDir(linkId, scope);
    const names = (await this.store.list(dir)).map((o) => `${scope}/${o.name}`);
    return (await this.scopesOf(linkId, sortListing(names))).get(scope) ?? new Map();
  }

  /** Every submission scope of a link (not `_`): one listing of the link's ledger. */
  async scopes(linkId: string): Promise<Map<string, Map<string, CountedUpload>>> {
    const l = sortListing((await this.store.list(ledgerDir(linkId))).map((o) => o.name));
    l.batches = l.batches.filter((n) => !n.startsWith(`${LINK_SCOPE}/`));
    return this.scopesOf(linkId, l);
  }

  private async scopesOf(
    linkId: string,
    l: LedgerListing,
  ): Promise<Map<string, Map<string, CountedUpload>>> {
    const dir = ledgerDir(linkId);
    const read = await this.readBatches(l.batches.map((n) => dir + n));
    const out = new Map<string, Map<string, CountedUpload>>();
    l.batches.forEach((name, i) => {
      const scope = name.slice(0, name.indexOf('/'));
      let map = out.get(scope);
      if (!map) out.set(scope, (map = new Map()));
      for (const e of read[i]!) {
        const prior = map.get(e.h);
        if (!prior || e.t < prior.at) map.set(e.h, { size: e.s, crc64: e.c, at: e.t });
      }
    });
    for (const [scope, hashes] of l.withdrawn) {
      const map = out.get(scope);
      if (map) for (const h of hashes) map.delete(h);
    }
    return out;
  }

  private remember(path: string, value: Recorded[] | Checkpoint): void {
    if (this.cache.has(path)) return;
    const size = Array.isArray(value) ? value.length : value.entries.length;
    this.cache.set(path, value);
    this.cached += size;
    while (this.cached > this.cacheEntries && this.cache.size > 1) {
      const [oldest, v] = this.cache.entries().next().value!;
      this.cache.delete(oldest);
      this.cached -= Array.isArray(v) ? v.length : v.entries.length;
    }
  }

  /** Batches by state path, in order; a missing or unreadable one is empty (and not kept). */
  private async readBatches(paths: readonly string[]): Promise<Recorded[][]> {
    const out: Recorded[][] = new Array(paths.length);
    const todo: number[] = [];
    paths.forEach((p, i) => {
      const hit = this.cache.get(p);
      if (Array.isArray(hit)) out[i] = hit;
      else todo.push(i);
    });
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const i = todo[next++]!;
        const parsed = parseBatch(await this.store.get(paths[i]!));
        out[i] = parsed ?? [];
        if (parsed) this.remember(paths[i]!, parsed);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, todo.length) }, worker));
    return out;
  }

  private async readCheckpoint(path: string): Promise<Checkpoint | null> {
    const hit = this.cache.get(path);
    if (hit && !Array.isArray(hit)) return hit;
    // Gone (a newer checkpoint replaced it): the batches themselves are read instead.
    const parsed = parseCheckpoint(await this.store.get(path));
    if (parsed) this.remember(path, parsed);
    return parsed;
  }

  private async writeCheckpoint(
    linkId: string,
    older: readonly string[],
    base: Checkpoint | null,
    added: readonly string[],
    addedEntries: readonly Recorded[][],
  ): Promise<void> {
    if (this.checkpointing.has(linkId)) return;
    this.checkpointing.add(linkId);
    try {
      const seen = new Set<string>();
      const e: Recorded[] = [];
      for (const x of [...(base?.entries ?? []), ...addedEntries.flat()]) {
        if (seen.has(x.h)) continue;
        seen.add(x.h);
        e.push(x);
      }
      const covers = [...(base?.covers ?? []), ...added];
      const path = `${ledgerDir(linkId)}c.${stamp(this.now())}.${suffix()}`;
      await this.store.put(path, { v: 1, covers, e });
      this.remember(path, { covers: new Set(covers), entries: e });
      // The older ones are superseded; a reader that listed one just before reads batches.
      for (const name of older) await this.store.delete(ledgerDir(linkId) + name).catch(() => {});
    } finally {
      this.checkpointing.delete(linkId);
    }
  }
}

/** Counts one upload outside any submission (for tools and tests; the signer batches). */
export async function recordCompletion(
  store: StateStore,
  linkId: string,
  entry: LedgerEntry,
): Promise<void> {
  await new Ledger(store, { now: Date.now }).record(linkId, null, [entry]);
}

/** A link's usage read without any cache (for tools and tests). */
export function readUsage(store: StateStore, linkId: string): Promise<Usage> {
  return new Ledger(store, { now: Date.now }).usage(linkId);
}
