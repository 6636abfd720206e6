import type { LedgerEntry, Usage } from './ledger';
import { Ledger, uploadKeyHash } from './ledger';
import type { StateStore } from './state-store';

/**
 * Per-link quota reservations with exact limits across any number of signer instances and no
 * database. Each link has an append-only journal, `journal/<linkId>/<seq>`, whose newest entry
 * lists the link's uploads in flight (signed, not yet counted). A change appends entry
 * `seq + 1` with a create-if-absent write (`x-cos-forbid-overwrite`), so of two instances that
 * read the same head only one can write the next entry; the other sees a conflict, re-reads
 * and decides again. Every decision is therefore made on the latest state: optimistic
 * concurrency with the bucket as the arbiter.
 *
 * A link's use is `ledger (verified completions) + in-flight reservations`, deduplicated by the
 * upload's key hash. The ledger is listed *after* the journal head is read: a reservation is
 * only dropped from the journal once its ledger entry is visible (or it ran out with no object
 * in the bucket), and it is then carried in the journal's entries for SETTLED_CARRY_MS as
 * counted, so whoever reads the head later also counts it, even when its own listing of the
 * ledger lags behind: nothing is ever counted zero times.
 *
 * Bound (docs/security.md): a link's verified files and bytes never exceed its limits. An
 * object can sit in the bucket uncounted only if its PUT was still being received after its
 * reservation ran out (URL expiry + grace), which a store that ends requests at signature
 * expiry (as COS documents) rules out; its complete call then counts it or removes it.
 */
export interface QuotaLimits {
  maxFiles: number | null;
  maxTotalBytes: number | null;
}

export interface QuotaItem {
  key: string;
  size: number;
}

export type QuotaOutcome =
  | { ok: true }
  | { ok: false; code: 'too-many-files'; limit: number }
  /** `remaining`: bytes still free, so a refusal can say how much would fit. */
  | { ok: false; code: 'quota-exceeded'; limit: number; remaining: number };

/** One upload in flight: key hash, object key, declared size, end of reservation (ms). */
export interface Reservation {
  h: string;
  k: string;
  s: number;
  e: number;
}

/**
 * An upload dropped from the journal because the ledger counted it: key hash, size, when. Kept
 * in the entries that follow for SETTLED_CARRY_MS, so an instance whose listing of the ledger
 * lags behind (COS documents GET Bucket as eventually consistent) still counts it: without
 * this, such an instance would see it neither in flight nor counted, and could admit one upload
 * too many.
 */
export interface Settled {
  h: string;
  s: number;
  t: number;
}

interface Snapshot {
  v: 1;
  seq: number;
  at: number;
  r: Reservation[];
  c?: Settled[];
}

interface Head {
  seq: number;
  name: string | null;
  snapshot: Snapshot;
}

interface QuotaState {
  now: number;
  /** Reservations still running, not yet in the ledger. */
  active: Reservation[];
  /** Uploads recently counted in the ledger, carried into the next entry. */
  settled: Settled[];
  ledger: Usage;
  /** Ledger plus active reservations. */
  used: { files: number; bytes: number };
}

/** Too many conflicting writers for too long: the caller answers 429 and the client retries. */
export class QuotaBusyError extends Error {
  readonly code = 'quota-busy';
  constructor() {
    super('the link is busy; try again');
    this.name = 'QuotaBusyError';
  }
}

/** More uploads in flight than one journal entry should hold; a client must finish some first. */
export class QuotaInFlightError extends Error {
  readonly code = 'quota-in-flight';
  constructor(readonly limit: number) {
    super(`at most ${limit} uploads may be in flight per link`);
    this.name = 'QuotaInFlightError';
  }
}

export interface QuotaJournalOptions {
  store: StateStore;
  /** The completion ledger (shared with the rest of the signer, for its cache); own one if not given. */
  ledger?: Ledger;
  /** Size of an upload's object in the bucket, or null when it is not there (HEAD). */
  objectSize: (key: string) => Promise<number | null>;
  now: () => number;
  /** Entries kept behind the head; older ones are deleted as new ones are written. */
  keepEntries?: number;
  maxAttempts?: number;
  maxInFlight?: number;
}

/** How long an upload counted in the ledger stays in the journal too (a bound on listing lag). */
export const SETTLED_CARRY_MS = 2 * 60_000;
/** At most this many are carried (the newest): a journal entry stays small. */
const MAX_SETTLED = 5000;
const SEQ_DIGITS = 12;
const SEQ_NAME = /^\d{12}$/;
const EMPTY: Head = { seq: 0, name: null, snapshot: { v: 1, seq: 0, at: 0, r: [] } };

export const journalDir = (linkId: string) => `journal/${linkId}/`;
const seqName = (seq: number) => String(seq).padStart(SEQ_DIGITS, '0');

function parseSnapshot(value: unknown, seq: number): Snapshot | null {
  const v = value as Partial<Snapshot> | null;
  if (!v || v.v !== 1 || v.seq !== seq || !Array.isArray(v.r)) return null;
  const ok =
    v.r.every(
      (r) =>
        typeof r?.h === 'string' &&
        typeof r.k === 'string' &&
        Number.isSafeInteger(r.s) &&
        Number.isFinite(r.e),
    ) &&
    (v.c === undefined ||
      (Array.isArray(v.c) &&
        v.c.every(
          (c) => typeof c?.h === 'string' && Number.isSafeInteger(c.s) && Number.isFinite(c.t),
        )));
  return ok ? (v as Snapshot) : null;
}

export function checkFits(
  used: { files: number; bytes: number },
  size: number,
  limits: QuotaLimits,
): QuotaOutcome {
  if (limits.maxFiles !== null && used.files + 1 > limits.maxFiles) {
    return { ok: false, code: 'too-many-files', limit: limits.maxFiles };
  }
  if (limits.maxTotalBytes !== null && used.bytes + size > limits.maxTotalBytes) {
    const remaining = Math.max(0, limits.maxTotalBytes - used.bytes);
    return { ok: false, code: 'quota-exceeded', limit: limits.maxTotalBytes, remaining };
  }
  return { ok: true };
}

const OK: QuotaOutcome = { ok: true };

export class QuotaJournal {
  private readonly store: StateStore;
  private readonly ledger: Ledger;
  private readonly objectSize: (key: string) => Promise<number | null>;
  private readonly now: () => number;
  private readonly keepEntries: number;
  private readonly maxAttempts: number;
  private readonly maxInFlight: number;
  /** Last head seen per link: lets a read list only newer entries and skip an unchanged GET. */
  private readonly heads = new Map<string, Head>();

  constructor(options: QuotaJournalOptions) {
    this.store = options.store;
    this.ledger = options.ledger ?? new Ledger(options.store, { now: options.now });
    this.objectSize = options.objectSize;
    this.now = options.now;
    this.keepEntries = options.keepEntries ?? 16;
    this.maxAttempts = options.maxAttempts ?? 40;
    this.maxInFlight = options.maxInFlight ?? 5000;
  }

  /**
   * Reserves room for uploads, in order; each gets its own outcome (the first ones still go
   * through when later ones do not fit). An upload already reserved or counted is accepted
   * again without counting twice.
   */
  reserve(
    linkId: string,
    limits: QuotaLimits,
    items: readonly QuotaItem[],
    ttlMs: number,
  ): Promise<QuotaOutcome[]> {
    return this.update(linkId, (s) => {
      const used = { ...s.used };
      const known = new Set([...s.ledger.hashes, ...s.active.map((r) => r.h)]);
      const added: Reservation[] = [];
      const results = items.map((item): QuotaOutcome => {
        const h = uploadKeyHash(item.key);
        if (known.has(h)) return OK;
        const fit = checkFits(used, item.size, limits);
        if (!fit.ok) return fit;
        if (s.active.length + added.length >= this.maxInFlight) {
          throw new QuotaInFlightError(this.maxInFlight);
        }
        known.add(h);
        added.push({ h, k: item.key, s: item.size, e: s.now + ttlMs });
        used.files += 1;
        used.bytes += item.size;
        return OK;
      });
      return { next: added.length ? [...s.active, ...added] : null, result: results };
    });
  }

  /**
   * Makes sure an upload is accounted for: already counted, or reserved for at least
   * `minRemainingMs` more (extended to `ttlMs` from now when it is not). An upload whose
   * reservation ran out is reserved again, if it still fits.
   */
  async ensure(
    linkId: string,
    limits: QuotaLimits,
    item: QuotaItem,
    opts: { minRemainingMs: number; ttlMs: number },
  ): Promise<QuotaOutcome> {
    return (await this.ensureMany(linkId, limits, [item], opts))[0]!;
  }

  /** `ensure` for several uploads at once: one read of the link's state, at most one write. */
  ensureMany(
    linkId: string,
    limits: QuotaLimits,
    items: readonly QuotaItem[],
    opts: { minRemainingMs: number; ttlMs: number },
  ): Promise<QuotaOutcome[]> {
    return this.update(linkId, (s) => {
      let active = s.active;
      const used = { ...s.used };
      let changed = false;
      const e = s.now + Math.max(opts.ttlMs, opts.minRemainingMs);
      const results = items.map((item): QuotaOutcome => {
        const h = uploadKeyHash(item.key);
        if (s.ledger.hashes.has(h)) return OK;
        const mine = active.find((r) => r.h === h);
        if (mine) {
          if (mine.e - s.now >= opts.minRemainingMs) return OK;
          active = active.map((r) => (r.h === h ? { ...r, e } : r));
          changed = true;
          return OK;
        }
        const fit = checkFits(used, item.size, limits);
        if (!fit.ok) return fit;
        active = [...active, { h, k: item.key, s: item.size, e }];
        used.files += 1;
        used.bytes += item.size;
        changed = true;
        return OK;
      });
      return { next: changed ? active : null, result: results };
    });
  }

  /**
   * Whether this instance knows, without asking the bucket, that an upload is accounted for
   * until at least `minRemainingMs` from now: a journal head it read or wrote holds the upload's
   * reservation running that long. A running reservation leaves the journal only when its
   * upload is in the ledger (counted) or when it is given back (`release`: a multipart abort, or
   * a ticket whose type the link refuses); so for a single upload being completed, this is
   * as good as a fresh read, and costs nothing.
   */
  knownReserved(linkId: string, key: string, minRemainingMs: number): boolean {
    const head = this.heads.get(linkId);
    if (!head) return false;
    const h = uploadKeyHash(key);
    const until = this.now() + minRemainingMs;
    return head.snapshot.r.some((r) => r.h === h && r.e >= until);
  }

  /** Gives an upload's room back (multipart abort). Counted uploads stay counted. */
  async release(linkId: string, key: string): Promise<void> {
    const h = uploadKeyHash(key);
    await this.update(linkId, (s) =>
      s.active.some((r) => r.h === h)
        ? { next: s.active.filter((r) => r.h !== h), result: undefined }
        : { next: null, result: undefined },
    );
  }

  /**
   * A link's verified use and its uploads in flight right now (read only; for the owner's
   * views). A verified upload leaves the journal only at the link's next change (dropping it
   * is not worth a write of its own), so the head alone still lists it: in flight means
   * running and not in the ledger. The head is read before the ledger is listed, as in
   * `currentState`, so an upload counted meanwhile is seen in one of the two, never neither.
   */
  async use(linkId: string): Promise<{
    usage: Usage;
    inFlight: { files: number; bytes: number };
    /** Key hashes of the uploads in flight. */
    running: ReadonlySet<string>;
  }> {
    const head = await this.readHead(linkId);
    const listed = await this.ledger.usage(linkId);
    const now = this.now();
    // Counted uploads the ledger's listing may not show yet (see Settled).
    const hashes = new Set(listed.hashes);
    const usage = { files: listed.files, bytes: listed.bytes, hashes };
    for (const c of head.snapshot.c ?? []) {
      if (now - c.t >= SETTLED_CARRY_MS || hashes.has(c.h)) continue;
      hashes.add(c.h);
      usage.files += 1;
      usage.bytes += c.s;
    }
    const seen = new Set<string>();
    let files = 0;
    let bytes = 0;
    for (const r of head.snapshot.r) {
      if (r.e <= now || usage.hashes.has(r.h) || seen.has(r.h)) continue;
      seen.add(r.h);
      files += 1;
      bytes += r.s;
    }
    return { usage, inFlight: { files, bytes }, running: seen };
  }

  /** Uploads in flight right now (read only): see `use`. */
  async inFlight(linkId: string): Promise<{ files: number; bytes: number }> {
    return (await this.use(linkId)).inFlight;
  }

  private async readHead(linkId: string): Promise<Head> {
    const dir = journalDir(linkId);
    for (let tries = 0; tries < 3; tries++) {
      const cached = this.heads.get(linkId);
      const newer = (await this.store.list(dir, cached?.name ? { marker: cached.name } : {}))
        .map((o) => o.name)
        .filter((n) => SEQ_NAME.test(n));
      const name = newer[newer.length - 1];
      if (name === undefined) return cached ?? EMPTY;
      const seq = Number(name);
      const raw = await this.store.get(dir + name);
      // Gone between list and read: many entries were written meanwhile; list again.
      if (raw === null) continue;
      const snapshot = parseSnapshot(raw, seq);
      if (!snapshot) throw new Error(`quota journal entry ${dir}${name} is unreadable`);
      const head = { seq, name, snapshot };
      this.remember(linkId, head);
      return head;
    }
    throw new QuotaBusyError();
  }

  private remember(linkId: string, head: Head): void {
    this.heads.delete(linkId);
    this.heads.set(linkId, head);
    if (this.heads.size > 10_000) {
      const oldest = this.heads.keys().next().value;
      if (oldest !== undefined) this.heads.delete(oldest);
    }
  }

  /** Reads the head and the ledger, drops what ended, and works out the link's use. */
  private async currentState(linkId: string, head: Head): Promise<QuotaState> {
    const listed = await this.ledger.usage(linkId);
    const now = this.now();
    const ledgerHashes = new Set(listed.hashes);
    let ledgerFiles = listed.files;
    let ledgerBytes = listed.bytes;
    const active: Reservation[] = [];
    const found: LedgerEntry[] = [];
    const settled: Settled[] = [];
    const carried = new Set<string>();
    const carry = (h: string, size: number, t: number) => {
      if (now - t >= SETTLED_CARRY_MS || carried.has(h)) return;
      carried.add(h);
      settled.push({ h, s: size, t });
    };
    for (const c of head.snapshot.c ?? []) {
      carry(c.h, c.s, c.t);
      if (now - c.t >= SETTLED_CARRY_MS || ledgerHashes.has(c.h)) continue;
      ledgerHashes.add(c.h);
      ledgerFiles += 1;
      ledgerBytes += c.s;
    }
    for (const r of head.snapshot.r) {
      if (ledgerHashes.has(r.h)) {
        // Dropped from the journal now: carried a while for readers whose listing lags.
        carry(r.h, r.s, now);
        continue;
      }
      if (r.e > now) {
        if (!active.some((a) => a.h === r.h)) active.push(r);
        continue;
      }
      // The reservation ran out. An upload that landed but was never completed still counts.
      const size = await this.objectSize(r.k);
      if (size === null) continue;
      found.push({ key: r.k, size, crc64: null, at: now, via: 'found' });
      carry(r.h, size, now);
      ledgerHashes.add(r.h);
      ledgerFiles += 1;
      ledgerBytes += size;
    }
    // Counted before any entry without them is written: one ledger batch for all of them.
    if (found.length > 0) await this.ledger.record(linkId, null, found);
    const ledger: Usage = { files: ledgerFiles, bytes: ledgerBytes, hashes: ledgerHashes };
    return {
      now,
      active,
      settled: settled.slice(-MAX_SETTLED),
      ledger,
      used: {
        files: ledgerFiles + active.length,
        bytes: ledgerBytes + active.reduce((n, r) => n + r.s, 0),
      },
    };
  }

  private async update<T>(
    linkId: string,
    decide: (state: QuotaState) => { next: Reservation[] | null; result: T },
  ): Promise<T> {
    const dir = journalDir(linkId);
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const head = await this.readHead(linkId);
      const state = await this.currentState(linkId, head);
      const { next, result } = decide(state);
      if (next === null) return result;
      const seq = head.seq + 1;
      const snapshot: Snapshot = {
        v: 1,
        seq,
        at: state.now,
        r: next,
        ...(state.settled.length > 0 ? { c: state.settled } : {}),
      };
      if (await this.store.put(dir + seqName(seq), snapshot, { ifAbsent: true })) {
        this.remember(linkId, { seq, name: seqName(seq), snapshot });
        if (seq > this.keepEntries) {
          // Best effort: a leftover old entry only makes listings a little longer.
          this.store.delete(dir + seqName(seq - this.keepEntries)).catch(() => {});
        }
        return result;
      }
      // Another instance wrote first: back off a little (with jitter), re-read, decide again.
      const cap = Math.min(250, 5 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, Math.random() * cap));
    }
    throw new QuotaBusyError();
  }
}
