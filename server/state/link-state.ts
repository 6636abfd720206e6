import type { CosClient } from '../cos/cos-client';
import { CosError } from '../cos/cos-error';
import type { LedgerEntry, Usage } from './ledger';
import { Ledger } from './ledger';
import type { LinkRecord } from './link-registry';
import { listLinkRecords, readLinkRecord, registerLink } from './link-registry';
import { QuotaJournal } from './quota-journal';
import type { StateStore } from './state-store';
import { createStateStore } from './state-store';
import { TtlCache } from './ttl-cache';
import type { UnverifiedScan } from './unverified-uploads';
import { scanUnverified } from './unverified-uploads';

/**
 * Everything a link needs remembered, read from and written to the bucket (see StateStore):
 * revocations, the completion ledger (usage), quota reservations and the registry. Reads that
 * only inform (revoked? how much used?) go through a short cache, so a busy link costs COS a
 * request every few seconds, not one per call; decisions about quota always read fresh state.
 */
export interface Revocation {
  at: number;
  reason: string;
}

export interface LinkStateOptions {
  cos: CosClient;
  statePrefix: string;
  cacheSeconds: number;
  now: () => number;
}

/** A revocation is permanent, so once seen it is kept much longer than a "not revoked". */
const REVOKED_CACHE_MS = 3600_000;

const revokedPath = (linkId: string) => `revoked/${linkId}`;

export class LinkState {
  readonly store: StateStore;
  readonly ledger: Ledger;
  readonly quota: QuotaJournal;
  private readonly cos: CosClient;
  private readonly now: () => number;
  private readonly cacheMs: number;
  private readonly revocations: TtlCache<Revocation | null>;
  private readonly usages: TtlCache<{ files: number; bytes: number }>;

  constructor(options: LinkStateOptions) {
    const { cos, now } = options;
    this.cos = cos;
    this.now = now;
    this.store = createStateStore(cos, options.statePrefix);
    this.ledger = new Ledger(this.store, { now });
    this.quota = new QuotaJournal({
      store: this.store,
      ledger: this.ledger,
      objectSize: async (key) => (await cos.headObject(key))?.size ?? null,
      now,
    });
    this.cacheMs = options.cacheSeconds * 1000;
    this.revocations = new TtlCache(this.cacheMs, now);
    this.usages = new TtlCache(this.cacheMs, now);
  }

  /** The link's revocation, read through the cache (so at most STATE_CACHE_SECONDS old). */
  revocation(linkId: string): Promise<Revocation | null> {
    return this.revocations.get(
      linkId,
      async () => {
        const value = await this.store.get(revokedPath(linkId));
        if (value === null) return null;
        const v = value as Partial<Revocation>;
        return { at: Number(v.at) || 0, reason: String(v.reason ?? '') };
      },
      // Keep a positive answer for long: revocations are never undone.
      (found) => (found ? REVOKED_CACHE_MS : this.cacheMs),
    );
  }

  /** Revokes a link for good. Revoking twice keeps the first time and reason. */
  async revoke(linkId: string, reason = ''): Promise<Revocation> {
    const revocation: Revocation = { at: this.now(), reason: reason.slice(0, 500) };
    const created = await this.store.put(revokedPath(linkId), revocation, { ifAbsent: true });
    this.revocations.delete(linkId);
    if (created) {
      this.revocations.set(linkId, revocation, REVOKED_CACHE_MS);
      return revocation;
    }
    return (await this.revocation(linkId)) ?? revocation;
  }

  /** Verified files and bytes of a link (the ledger), at most STATE_CACHE_SECONDS old. */
  usage(linkId: string): Promise<{ files: number; bytes: number }> {
    return this.usages.get(linkId, async () => {
      const { files, bytes } = await this.ledger.usage(linkId);
      return { files, bytes };
    });
  }

  /**
   * Verified use, uploads in flight and objects nothing accounts for, read fresh and together
   * (the owner's views), so an upload verified a moment ago is in exactly one of them. Links
   * without a count or size limit reserve nothing: their in-flight is null, and an upload of
   * theirs counts as unverified between its last byte and its complete call.
   */
  async use(
    link: { id: string; prefix: string; withQuota: boolean },
    keepUnverified = 0,
  ): Promise<{
    usage: { files: number; bytes: number };
    inFlight: { files: number; bytes: number } | null;
    /** Null when the key may not list the link's folder (docs/deploy.md's policy). */
    unverified: UnverifiedScan | null;
  }> {
    let ledger: Usage;
    let inFlight: { files: number; bytes: number } | null = null;
    let running: ReadonlySet<string> = new Set();
    if (link.withQuota) {
      ({ usage: ledger, inFlight, running } = await this.quota.use(link.id));
    } else {
      ledger = await this.ledger.usage(link.id);
    }
    // Listed after the ledger: an upload verified in between is an object the ledger missed,
    // shown as not verified for one look, never the other way round.
    let unverified: UnverifiedScan | null;
    try {
      unverified = await scanUnverified(
        this.cos,
        link.prefix,
        (h) => ledger.hashes.has(h) || running.has(h),
        keepUnverified,
      );
    } catch (err) {
      if (!(err instanceof CosError) || err.statusCode !== 403) throw err;
      unverified = null;
    }
    return { usage: { files: ledger.files, bytes: ledger.bytes }, inFlight, unverified };
  }

  /**
   * Counts verified uploads, all in one ledger object (idempotent: counting an upload again
   * changes nothing). `scope`: the submission they belong to, or null. Returns the batch's name.
   */
  async recordCompletions(
    linkId: string,
    scope: string | null,
    entries: readonly LedgerEntry[],
  ): Promise<string> {
    const name = await this.ledger.record(linkId, scope, entries);
    this.usages.delete(linkId);
    return name;
  }

  register(record: LinkRecord): Promise<void> {
    return registerLink(this.store, record);
  }

  readRecord(linkId: string): Promise<LinkRecord | null> {
    return readLinkRecord(this.store, linkId);
  }

  listRecords(): Promise<LinkRecord[]> {
    return listLinkRecords(this.store);
  }
}
