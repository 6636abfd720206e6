import type {
  OpenSubmissionRequest,
  SubmissionReceipt,
  SubmissionRequirements,
} from '../../protocol/submissions';
import type { SignerConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import type { Logger } from '../log/logger';
import { pooledRandomBytes } from '../random-pool';
import { uploadKeyHash } from '../state/ledger';
import type { LinkState } from '../state/link-state';
import { TtlCache } from '../state/ttl-cache';
import type { PlannedUpload, UploadPlacement } from '../uploads/create-uploads';
import { RESERVATION_GRACE_SECONDS } from '../uploads/link-quota';
import type { SubmissionUploadHooks } from '../uploads/upload-deps';
import type { UploadTicket } from '../uploads/ticket';
import { DEFAULT_FOLDER_TEMPLATE, resolveFolder, templateHasSubmission } from './folder-template';
import { PasswordAttempts } from './password-attempts';
import { verifyPassword } from './password-hash';
import { checkPasswordProof, issuePasswordProof } from './password-proof';
import type { OnSubmissionClosed, SubmissionManifest } from './submission-manifest';
import { assembleFiles, manifestKeyFor, noSubmissionHook } from './submission-manifest';
import type { SubmissionSettings } from './submission-settings';
import { parseSubmissionSettings, requirementsOf, settingsDigest } from './submission-settings';
import type { SubmissionRef } from './submission-token';
import { issueSubmissionToken, readSubmissionToken } from './submission-token';
import { SubmissionCloser } from './submission-closer';
import type { ClosedRecord, Listing, OpenRecord, PlannedFile } from './submission-store';
import { idleState, SubmissionStore } from './submission-store';
import { checkUploaderDetails } from '../../protocol/uploader-details';

/**
 * Submissions: one uploader's visit (details, files, an id), kept in the bucket like the rest of
 * the signer's state, so any instance can serve any call and the signer stays stateless.
 *
 * - **Gates.** A link whose token carries a settings digest asks for something; its settings
 *   come from the registry (checked against the digest, then cached: links never change).
 *   Such a link signs files only inside a submission, and a submission opens only with a valid
 *   password proof, the details and fields the link asks for, and the terms accepted.
 * - **Closing.** Explicitly (`finish`), or when idle: SUBMISSION_IDLE_SECONDS after its last
 *   activity with nothing in flight (with files in flight, no sooner than a signed URL could
 *   still be in use). Idle submissions are closed lazily by any call that touches them and by a
 *   sweep each instance runs; the close itself is a create-if-absent claim (`closed.json`), so
 *   exactly one caller closes, whichever instance it runs on.
 * - **Manifest.** After the claim, the closer lists what was verified, looks in the bucket for
 *   files that were signed but never completed (counted if they landed), writes manifest.json
 *   (create-if-absent) and calls the close hook. A verification that races the close checks
 *   the claim afterwards and, if the manifest left its file out, removes the file: the manifest
 *   and the bucket always agree.
 */
export interface SubmissionServiceOptions {
  config: Pick<
    SignerConfig,
    'linkKeys' | 'urlTtlSeconds' | 'submissionIdleSeconds' | 'stateCacheSeconds'
  >;
  cos: CosClient;
  state: LinkState;
  now: () => number;
  logger: Logger;
  onSubmissionClosed?: OnSubmissionClosed;
}

/** URLs signed again write an activity mark at most this often per submission and instance. */
const TOUCH_EVERY_MS = 60_000;
/** How long a racing verification waits for the closer's manifest before asking to retry. */
const MANIFEST_WAIT_MS = 3000;
const MAX_USER_AGENT = 512;

/** A small LRU of numbers (per-instance hints; losing one costs a bucket read, nothing else). */
class Recent {
  private readonly map = new Map<string, number>();
  constructor(private readonly max = 10_000) {}
  get(key: string): number | undefined {
    return this.map.get(key);
  }
  set(key: string, value: number): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
}

function newSubmissionId(): string {
  return Buffer.from(pooledRandomBytes(16)).toString('base64url');
}

function cleanUserAgent(ua: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (ua ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_USER_AGENT);
}

/** The original name with its folder path inside a dropped folder, `/`-separated. */
export function nameWithPath(name: string, relativePath: string | undefined): string {
  const folders = (relativePath ?? '').split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  return [...folders, name].join('/');
}

export class SubmissionService {
  readonly store: SubmissionStore;
  readonly idleMs: number;
  private readonly config: SubmissionServiceOptions['config'];
  private readonly cos: CosClient;
  private readonly state: LinkState;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly attempts: PasswordAttempts;
  private readonly settings = new Map<string, SubmissionSettings>();
  private readonly closed: TtlCache<boolean>;
  /** Latest activity this instance saw per submission (a lower bound of the real one). */
  private readonly seen = new Recent();
  private readonly touched = new Recent();
  private readonly closer: SubmissionCloser;
  /** URL lifetime plus the reservation grace: how long a signed file may still arrive. */
  private readonly inFlightMs: number;

  constructor(options: SubmissionServiceOptions) {
    this.config = options.config;
    this.cos = options.cos;
    this.state = options.state;
    this.now = options.now;
    this.logger = options.logger;
    this.store = new SubmissionStore(options.state.store, options.state.ledger);
    this.attempts = new PasswordAttempts(options.state.store, options.now);
    this.closed = new TtlCache(options.config.stateCacheSeconds * 1000, options.now);
    this.idleMs = options.config.submissionIdleSeconds * 1000;
    // A file in flight may still be sent on a URL signed just before the last activity.
    this.inFlightMs = (options.config.urlTtlSeconds + RESERVATION_GRACE_SECONDS) * 1000;
    this.closer = new SubmissionCloser({
      store: this.store,
      cos: this.cos,
      state: this.state,
      now: this.now,
      logger: this.logger,
      onClosed: options.onSubmissionClosed ?? noSubmissionHook,
      idle: this.idleOptions(),
      markClosed: (id) => this.closed.set(id, true, 3600_000),
    });
  }

  // ── Settings and gates ───────────────────────────────────────────────────────────────

  /** What the link asks (null: nothing); throws when its registered settings are missing. */
  async settingsOf(link: LinkClaims): Promise<SubmissionSettings | null> {
    const digest = link.settingsHash;
    if (digest === undefined) return null;
    const cached = this.settings.get(link.id);
    if (cached) return cached;
    const record = await this.state.readRecord(link.id);
    const settings = record ? parseSubmissionSettings(record.submission) : null;
    if (!settings || settingsDigest(settings) !== digest) {
      // Fail closed: a link with gates never opens without them.
      this.logger.error(`link ${link.id}: its registered settings are missing or do not match`);
      throw new Refusal('internal-error', 'This link cannot be used right now.');
    }
    if (this.settings.size >= 1000) this.settings.delete(this.settings.keys().next().value!);
    this.settings.set(link.id, settings);
    return settings;
  }

  async requirements(link: LinkClaims): Promise<SubmissionRequirements | null> {
    const s = await this.settingsOf(link);
    return s ? requirementsOf(s, this.config.submissionIdleSeconds) : null;
  }

  /** The refusal for a call that should have come through a submission and did not. */
  private gateRefusal(s: SubmissionSettings): Refusal {
    if (s.password) {
      return new Refusal(
        'password-required',
        'This link needs its password: unlock it, then open a submission.',
      );
    }
    const missing = [
      ...s.details,
      ...s.fields.filter((f) => f.required).map((f) => `field:${f.label}`),
    ];
    if (missing.length) {
      return new Refusal(
        'uploader-details-required',
        'This link asks for details: open a submission with them first.',
        { missing, invalid: [] },
      );
    }
    if (s.terms) {
      return new Refusal('terms-not-accepted', 'This link has terms to accept first.', {
        hash: s.terms.hash,
      });
    }
    return new Refusal(
      'submission-required',
      'This link files uploads by submission: open one first.',
    );
  }

  /** `POST /link/unlock`: a short-lived proof for the right password. */
  async unlock(
    link: LinkClaims,
    password: string,
    address: string,
  ): Promise<{ proof: string; expiresAt: number }> {
    const s = await this.settingsOf(link);
    if (!s?.password || link.settingsHash === undefined) {
      throw new Refusal('invalid-request', 'This link has no password.');
    }
    const verdict = await this.attempts.check(link.id, address);
    if (!verdict.ok) {
      throw new Refusal(
        'rate-limited',
        `Too many wrong passwords; try again in ${verdict.retryAfterSeconds} s.`,
        { retryAfter: verdict.retryAfterSeconds },
        verdict.retryAfterSeconds,
      );
    }
    if (!(await verifyPassword(s.password, password))) {
      await this.attempts.fail(link.id, address);
      throw new Refusal('password-required', 'The password is not right.', {
        attemptsLeft: Math.max(0, verdict.left - 1),
      });
    }
    return issuePasswordProof(
      this.config.linkKeys,
      { id: link.id, settingsHash: link.settingsHash },
      this.now(),
    );
  }

  /** `POST /submissions`: every gate checked, the folder worked out, the submission recorded. */
  async open(
    link: LinkClaims,
    body: OpenSubmissionRequest,
    userAgent: string | undefined,
  ): Promise<{ id: string; token: string; startedAt: number; idleSeconds: number }> {
    const s = await this.settingsOf(link);
    if (s?.password) {
      const ok = checkPasswordProof(
        this.config.linkKeys,
        body.proof,
        { id: link.id, settingsHash: link.settingsHash! },
        this.now(),
      );
      if (!ok) {
        throw new Refusal(
          'password-required',
          body.proof
            ? 'The proof of the password is not valid or has expired: unlock the link again.'
            : 'This link needs its password: unlock it first.',
        );
      }
    }
    const checked = checkUploaderDetails(
      { details: s?.details ?? [], fields: s?.fields ?? [] },
      body.details,
      body.fields,
    );
    if (!checked.ok) {
      throw new Refusal(
        'uploader-details-required',
        'Some details this link asks for are missing or not valid.',
        { missing: checked.missing, invalid: checked.invalid },
      );
    }
    if (s?.terms && body.termsAccepted !== s.terms.hash) {
      throw new Refusal(
        'terms-not-accepted',
        body.termsAccepted
          ? 'These are not the terms of this link (they may have been shown from an old page).'
          : 'Accept the terms of this link first.',
        { hash: s.terms.hash },
      );
    }

    const id = newSubmissionId();
    const startedAt = this.now();
    const template = s?.folderTemplate ?? DEFAULT_FOLDER_TEMPLATE;
    const folder = resolveFolder(
      template,
      { startedAt, submissionId: id, uploader: checked.uploader, fields: checked.fields },
      link.prefix,
    );
    const ownFolder = templateHasSubmission(template) || folder === `${id}/`;
    const record: OpenRecord = {
      v: 1,
      id,
      linkId: link.id,
      startedAt,
      folder,
      manifestKey: manifestKeyFor(link.prefix + folder, ownFolder, id),
      link: { title: link.title, maxFiles: link.maxFiles, maxTotalBytes: link.maxTotalBytes },
      uploader: checked.uploader,
      fields: checked.fields,
      terms: s?.terms ? { hash: s.terms.hash, acceptedAt: startedAt } : null,
      userAgent: cleanUserAgent(userAgent),
    };
    await this.store.create(record);
    this.seen.set(id, startedAt);
    const token = issueSubmissionToken(this.config.linkKeys, {
      linkId: link.id,
      id,
      folder,
      startedAt,
    });
    return { id, token, startedAt, idleSeconds: this.config.submissionIdleSeconds };
  }

  // ── Uploads inside a submission ──────────────────────────────────────────────────────

  /**
   * Where `POST /uploads` puts its files: null for a link that asks nothing and a call without
   * a submission (as before submissions existed); otherwise an open submission of this link,
   * or the refusal of the first gate not passed.
   */
  async placementFor(link: LinkClaims, token: string | undefined): Promise<UploadPlacement | null> {
    const s = await this.settingsOf(link);
    if (token === undefined) {
      if (s) throw this.gateRefusal(s);
      return null;
    }
    const ref = readSubmissionToken(this.config.linkKeys, token, {
      linkId: link.id,
      nowMs: this.now(),
    });
    await this.ensureOpen(link.id, ref.id, ref.startedAt);
    return {
      folder: ref.folder,
      submissionId: ref.id,
      record: (files) => this.recordPlanned(link.id, ref, files),
    };
  }

  private async recordPlanned(
    linkId: string,
    ref: SubmissionRef,
    files: readonly PlannedUpload[],
  ): Promise<void> {
    const at = this.now();
    const planned: PlannedFile[] = files.map((f) => ({
      h: uploadKeyHash(f.key),
      key: f.key,
      name: nameWithPath(f.name, f.relativePath),
      size: f.size,
      type: f.type,
    }));
    await this.store.plan(linkId, ref.id, planned, at);
    this.seen.set(ref.id, at);
  }

  private closedError(): Refusal {
    return new Refusal(
      'submission-closed',
      'This submission is closed; open a new one to send more files.',
    );
  }

  /**
   * Throws `submission-closed` when the submission is closed (as seen within
   * STATE_CACHE_SECONDS), closing it first when it is idle. The listing is skipped while this
   * instance itself saw activity less than the idle time ago: the deadline cannot have passed.
   */
  private async ensureOpen(linkId: string, id: string, startedAt: number): Promise<void> {
    const closed = await this.closed.get(
      id,
      () => this.store.isClosed(linkId, id),
      (v) => (v ? 3600_000 : this.config.stateCacheSeconds * 1000),
    );
    if (closed) throw this.closedError();
    const seen = this.seen.get(id);
    if (seen !== undefined && this.now() - seen < this.idleMs) return;
    const l = await this.store.list(linkId, id);
    if (!l.hasOpen) {
      throw new Refusal('submission-invalid', 'This submission does not exist.');
    }
    if (l.closed) {
      this.closed.set(id, true, 3600_000);
      throw this.closedError();
    }
    const idle = idleState(l, startedAt, this.idleOptions());
    if (this.now() >= idle.closesAt) {
      await this.close(linkId, id, 'idle');
      throw this.closedError();
    }
    this.seen.set(id, idle.lastActivity);
  }

  private idleOptions() {
    return { idleMs: this.idleMs, inFlightMs: this.inFlightMs };
  }

  /** The hooks the upload operations call for tickets that carry a submission. */
  readonly uploadHooks: SubmissionUploadHooks = {
    beforeSign: async (link, t) => {
      const id = t.submission!;
      await this.ensureOpen(link.id, id, 0);
      const at = this.now();
      const last = this.touched.get(id);
      if (last === undefined || at - last >= TOUCH_EVERY_MS) {
        this.touched.set(id, at);
        await this.store.touch(link.id, id, at);
      }
      this.seen.set(id, at);
    },
    recorded: (link, id, tickets) => this.afterRecorded(link, id, tickets),
    failed: async (link, t, reason) => {
      await this.store.failed(link.id, t.submission!, uploadKeyHash(t.key), reason, this.now());
      this.seen.set(t.submission!, this.now());
    },
  };

  /**
   * After verified files were counted in the ledger under this submission (which is the
   * submission's record of them): a close that claimed before this point may have listed
   * without them, so whether it is closed is read fresh, once for the whole batch. When it is,
   * each file the manifest left out is removed (and taken back from the ledger): the bucket
   * must not hold a file its manifest does not list.
   */
  private async afterRecorded(
    link: LinkClaims,
    id: string,
    tickets: readonly UploadTicket[],
  ): Promise<Map<string, Refusal>> {
    const refused = new Map<string, Refusal>();
    this.seen.set(id, this.now());
    if (!(await this.store.isClosed(link.id, id))) return refused;
    this.closed.set(id, true, 3600_000);
    const manifest = await this.waitForManifest(link.id, id);
    if (manifest === undefined) {
      // The closer is still at work (it will find the objects itself); ask the client to retry.
      for (const t of tickets) {
        refused.set(
          t.key,
          new Refusal(
            'rate-limited',
            'This submission is closing right now; try again in a moment.',
            { retryAfter: 2 },
            2,
          ),
        );
      }
      return refused;
    }
    const listed = new Set(manifest?.submission.files.map((f) => f.key) ?? []);
    for (const t of tickets) {
      if (listed.has(t.key)) continue;
      // Closed without this file: the bucket must not hold a file its manifest does not list.
      await this.cos.deleteObject(t.key);
      await this.store.unverify(link.id, id, t.key).catch(() => {});
      refused.set(
        t.key,
        new Refusal(
          'submission-closed',
          'This submission closed before the file was verified, so it was removed; send it again in a new submission.',
          { deleted: true },
        ),
      );
    }
    return refused;
  }

  /** The manifest once written; undefined when still missing after a short wait. */
  private async waitForManifest(
    linkId: string,
    id: string,
  ): Promise<SubmissionManifest | null | undefined> {
    const open = await this.store.readOpen(linkId, id);
    if (!open) return null;
    const deadline = Date.now() + MANIFEST_WAIT_MS;
    for (;;) {
      const manifest = await this.readManifest(open.manifestKey);
      if (manifest || Date.now() >= deadline) return manifest ?? undefined;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Closes a submission (idempotent; one close counts, on whichever instance it runs). */
  close(linkId: string, id: string, by: ClosedRecord['by']): Promise<void> {
    return this.closer.close(linkId, id, by);
  }

  /** One pass of the idle sweep (every instance runs it periodically; see start-signer). */
  sweep(): Promise<void> {
    return this.closer.sweep();
  }

  readManifest(key: string): Promise<SubmissionManifest | null> {
    return this.closer.readManifest(key);
  }

  // ── Receipts ─────────────────────────────────────────────────────────────────────────

  /** `POST /submissions/status` and `/finish`: the receipt, after closing if asked or due. */
  async receipt(link: LinkClaims, token: string, finish: boolean): Promise<SubmissionReceipt> {
    const ref = readSubmissionToken(this.config.linkKeys, token, {
      linkId: link.id,
      nowMs: this.now(),
    });
    const open = await this.store.readOpen(link.id, ref.id);
    if (!open) throw new Refusal('submission-invalid', 'This submission does not exist.');
    if (finish) await this.close(link.id, ref.id, 'finish');
    else {
      const l = await this.store.list(link.id, ref.id);
      if (l.closed || this.now() < idleState(l, open.startedAt, this.idleOptions()).closesAt) {
        // Nothing changed since the listing: describe from it rather than list again.
        return (await this.describe(open, l)).receipt;
      }
      await this.close(link.id, ref.id, 'idle');
    }
    return (await this.describe(open)).receipt;
  }

  /** How a submission stands now: from its manifest once closed, from its listing before. */
  async describe(
    open: OpenRecord,
    listing?: Listing,
  ): Promise<{ receipt: SubmissionReceipt; manifestKey: string | null }> {
    const l = listing ?? (await this.store.list(open.linkId, open.id));
    const closed = l.closed ? await this.store.readClosed(open.linkId, open.id) : null;
    const base = {
      id: open.id,
      linkId: open.linkId,
      startedAt: open.startedAt,
      uploader: open.uploader,
      fields: open.fields,
      terms: open.terms,
    };
    if (closed) {
      const manifest = await this.readManifest(open.manifestKey);
      if (manifest) {
        const m = manifest.submission;
        return {
          manifestKey: open.manifestKey,
          receipt: {
            ...base,
            state: 'closed',
            closedAt: m.closedAt,
            closedBy: m.closedBy,
            closesAt: null,
            inFlight: 0,
            files: m.files,
            failed: m.failed,
            totalBytes: m.totalBytes,
          },
        };
      }
    }
    const planned = await this.store.readPlanned(open.linkId, open.id, l.planned);
    const { files, failed, unsettled } = assembleFiles(planned, l);
    const idle = idleState(l, open.startedAt, this.idleOptions());
    return {
      manifestKey: null,
      receipt: {
        ...base,
        state: closed ? 'closed' : 'open',
        closedAt: closed?.closedAt ?? null,
        closedBy: closed?.by ?? null,
        closesAt: closed ? null : idle.closesAt,
        inFlight: closed ? 0 : unsettled.length,
        files,
        failed,
        totalBytes: files.reduce((n, f) => n + f.size, 0),
      },
    };
  }
}
