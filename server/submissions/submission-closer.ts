import { isCosCode } from '../cos/cos-error';
import type { CosClient, ObjectHead } from '../cos/cos-client';
import { Refusal } from '../refusal';
import type { Logger } from '../log/logger';
import type { LinkState } from '../state/link-state';
import type { OnSubmissionClosed, SubmissionManifest } from './submission-manifest';
import {
  assembleFiles,
  buildManifest,
  manifestBody,
  SubmissionManifestSchema,
} from './submission-manifest';
import type { ClosedRecord, OpenRecord, PlannedFile, SubmissionStore } from './submission-store';
import { idleState } from './submission-store';

/**
 * Closing submissions, on whichever signer instance it happens. The close is one
 * create-if-absent write (`closed.json`): whoever creates it closes, everyone else finds the
 * submission closed. The closer then settles every file signed in it (verified, found in the
 * bucket after all, or failed), writes manifest.json once (create-if-absent) and calls the close
 * hook. A closer that dies half-way is finished by the sweep every instance runs, which also
 * closes submissions past their idle deadline.
 */

/** A closed submission whose manifest or hook is still missing after this long is finished by the sweep. */
export const RECOVER_AFTER_MS = 2 * 60_000;
const CONCURRENCY = 8;

/** At most `limit` tasks at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface SubmissionCloserOptions {
  store: SubmissionStore;
  cos: CosClient;
  state: LinkState;
  now: () => number;
  logger: Logger;
  onClosed: OnSubmissionClosed;
  /** The idle rule (submission-store's idleState). */
  idle: { idleMs: number; inFlightMs: number };
  /** Told when this instance closed or found closed a submission (for its cache). */
  markClosed: (id: string) => void;
}

export class SubmissionCloser {
  private readonly store: SubmissionStore;
  private readonly cos: CosClient;
  private readonly state: LinkState;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly onClosed: OnSubmissionClosed;
  private readonly idle: SubmissionCloserOptions['idle'];
  private readonly markClosed: (id: string) => void;
  private readonly closing = new Map<string, Promise<void>>();

  constructor(o: SubmissionCloserOptions) {
    this.store = o.store;
    this.cos = o.cos;
    this.state = o.state;
    this.now = o.now;
    this.logger = o.logger;
    this.onClosed = o.onClosed;
    this.idle = o.idle;
    this.markClosed = o.markClosed;
  }

  /** Closes a submission (idempotent; one close counts, on whichever instance it runs). */
  close(linkId: string, id: string, by: ClosedRecord['by']): Promise<void> {
    const key = `${linkId}.${id}`;
    let pending = this.closing.get(key);
    if (!pending) {
      pending = this.doClose(linkId, id, by).finally(() => this.closing.delete(key));
      this.closing.set(key, pending);
    }
    return pending;
  }

  private async doClose(linkId: string, id: string, by: ClosedRecord['by']): Promise<void> {
    const open = await this.store.readOpen(linkId, id);
    if (!open) throw new Refusal('submission-invalid', 'This submission does not exist.');
    const mine: ClosedRecord = { closedAt: this.now(), by };
    // Whoever creates closed.json closes; everyone else finds it closed (the sweep finishes a
    // close whose closer died half-way).
    const claimed = await this.store.claimClose(linkId, id, mine);
    this.markClosed(id);
    if (claimed) await this.finishClose(open, mine);
  }

  /**
   * After the claim: every signed file settled (verified, found in the bucket, or failed), the
   * manifest written once, the hook called by whoever wrote it.
   */
  private async finishClose(open: OpenRecord, closed: ClosedRecord): Promise<void> {
    const l = await this.store.list(open.linkId, open.id);
    const planned = await this.store.readPlanned(open.linkId, open.id, l.planned);
    const { unsettled } = assembleFiles(planned, l);
    await this.settleInBucket(open, unsettled);
    // Settling wrote what it found; with nothing to settle, the listing is still current.
    const after =
      unsettled.length > 0
        ? assembleFiles(planned, await this.store.list(open.linkId, open.id))
        : assembleFiles(planned, l);
    const { files, failed } = after;
    // Whatever is still unsettled was signed and never arrived.
    for (const p of after.unsettled) {
      failed.push({
        key: p.key,
        name: p.name,
        size: p.size,
        contentType: p.type,
        reason: 'not-completed',
      });
    }
    if (files.length === 0 && failed.length === 0) {
      // Nothing was ever signed: no manifest, no hook (the owner still sees the visit).
      await this.store.markHooked(open.linkId, open.id);
      await this.store.removeFromIndex(open.linkId, open.id, open.startedAt);
      return;
    }
    const manifest = buildManifest(
      { id: open.linkId, title: open.link.title },
      open,
      closed,
      files,
      failed,
    );
    let written = true;
    try {
      await this.cos.putObject(open.manifestKey, manifestBody(manifest), {
        contentType: 'application/json',
        ifAbsent: true,
      });
    } catch (err) {
      if (!isCosCode(err, 'FileAlreadyExists')) throw err;
      written = false;
    }
    if (written) await this.runHook(open, manifest);
  }

  /**
   * Files signed but not settled when their submission closes: one that is in the bucket with
   * its declared size landed and is counted (as the quota journal does for uploads never
   * completed), all of them in one ledger batch; the others failed.
   */
  private async settleInBucket(open: OpenRecord, files: readonly PlannedFile[]): Promise<void> {
    if (files.length === 0) return;
    const heads = new Map<PlannedFile, ObjectHead | null>();
    await eachLimited(files, CONCURRENCY, async (p) => {
      heads.set(p, await this.cos.headObject(p.key));
    });
    const at = this.now();
    const landed: Array<{ p: PlannedFile; head: ObjectHead }> = [];
    for (const p of files) {
      const head = heads.get(p);
      if (!head) continue;
      if (head.size !== p.size) {
        await this.cos.deleteObject(p.key).catch(() => {});
        await this.store.failed(open.linkId, open.id, p.h, 'size-mismatch', at);
        continue;
      }
      landed.push({ p, head });
    }
    let counted = landed;
    const limits = { maxFiles: open.link.maxFiles, maxTotalBytes: open.link.maxTotalBytes };
    if (landed.length > 0 && (limits.maxFiles !== null || limits.maxTotalBytes !== null)) {
      // As link-quota's reservationTiming: twice the shortest life a reservation may have.
      const ttlMs = 2 * this.idle.inFlightMs;
      const outcomes = await this.state.quota.ensureMany(
        open.linkId,
        limits,
        landed.map(({ p }) => ({ key: p.key, size: p.size })),
        { minRemainingMs: 0, ttlMs },
      );
      counted = [];
      for (const [i, x] of landed.entries()) {
        const outcome = outcomes[i]!;
        if (outcome.ok) {
          counted.push(x);
          continue;
        }
        await this.cos.deleteObject(x.p.key).catch(() => {});
        await this.store.failed(open.linkId, open.id, x.p.h, outcome.code, at);
      }
    }
    if (counted.length === 0) return;
    await this.state.recordCompletions(
      open.linkId,
      open.id,
      counted.map(({ head, p }) => ({
        key: p.key,
        size: head.size,
        crc64: head.crc64,
        at,
        via: 'found' as const,
      })),
    );
  }

  private async runHook(open: OpenRecord, manifest: SubmissionManifest): Promise<void> {
    try {
      await this.onClosed(manifest);
    } catch (err) {
      this.logger.warn(
        `submission ${open.id}: the close hook failed (${err instanceof Error ? err.message : 'error'}); the sweep retries it`,
      );
      return;
    }
    await this.store.markHooked(open.linkId, open.id);
    await this.store.removeFromIndex(open.linkId, open.id, open.startedAt);
  }

  /**
   * One pass over the open submissions (every instance runs it periodically): closes those
   * past their idle deadline, and finishes closes whose closer died before writing the
   * manifest or running the hook.
   */
  async sweep(): Promise<void> {
    const entries = await this.store.openIndex();
    await eachLimited(entries, 4, async ({ linkId, id, startedAt }) => {
      try {
        await this.sweepOne(linkId, id, startedAt);
      } catch (err) {
        this.logger.warn(
          `submission sweep: ${id}: ${err instanceof Error ? err.message : 'error'}`,
        );
      }
    });
  }

  private async sweepOne(linkId: string, id: string, startedAt: number): Promise<void> {
    const now = this.now();
    const l = await this.store.list(linkId, id);
    if (!l.hasOpen) {
      // An index entry whose submission was never written (its open failed half-way).
      if (now - startedAt > RECOVER_AFTER_MS)
        await this.store.removeFromIndex(linkId, id, startedAt);
      return;
    }
    if (!l.closed) {
      if (now >= idleState(l, startedAt, this.idle).closesAt) {
        await this.close(linkId, id, 'idle');
      }
      return;
    }
    if (l.hooked) {
      await this.store.removeFromIndex(linkId, id, startedAt);
      return;
    }
    const [open, closed] = await Promise.all([
      this.store.readOpen(linkId, id),
      this.store.readClosed(linkId, id),
    ]);
    if (!open || !closed || now - closed.closedAt < RECOVER_AFTER_MS) return;
    const manifest = await this.readManifest(open.manifestKey);
    if (manifest) await this.runHook(open, manifest);
    else await this.finishClose(open, closed);
  }

  async readManifest(key: string): Promise<SubmissionManifest | null> {
    const got = await this.cos.getObject(key);
    if (!got) return null;
    try {
      const parsed = SubmissionManifestSchema.safeParse(JSON.parse(got.body.toString('utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
