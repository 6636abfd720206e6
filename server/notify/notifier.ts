import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../log/logger';
import type { StateStore } from '../state/state-store';
import { attemptDelivery } from './attempt-delivery';
import type { ClosedSubmission, NotifyLanguage } from './closed-submission';
import type { AttemptOutcome, RetryPolicy } from './delivery-policy';
import { DEFAULT_RETRY_POLICY, nextStep } from './delivery-policy';
import type { DeliveryProblem } from './delivery-problem';
import { problemText } from './delivery-problem';
import type { LinkTargets } from './link-targets';
import { readLinkTargets } from './link-targets';
import type { MailSender } from './mail-sender';
import { createMailSender } from './mail-sender';
import type { NotifySettings } from './notify-config';
import { defaultMailFrom } from './notify-config';
import type { NotifyEvent, NotifyEventType } from './notify-event';
import { submissionEvent, testEvent } from './notify-event';
import type { NotifyTarget, TargetKind } from './notify-target';
import { displayTarget, formatTarget, parseTarget, targetId } from './notify-target';
import type { JournalEntry, JournalHead, OutboxEvent, TargetRef } from './outbox';
import { Outbox } from './outbox';
import type { Resolver } from './safe-post';

/**
 * Tells the owner that a submission has landed: the notifier behind the port
 * `onSubmissionClosed(input)`, and the delivery worker every signer instance runs.
 *
 * An event is first written to the outbox in the bucket (see outbox.ts), then delivered to each
 * target: at once by the instance that wrote it, and by whichever instance's periodic scan finds
 * a delivery due (a retry, or one whose instance died). Every attempt is claimed in the
 * delivery's journal first, so each attempt is made by one instance; an instance that dies
 * mid-attempt loses its claim when the lease runs out and another takes over. Delivery is at
 * least once, with the same event id on every attempt: a receiver deduplicates by
 * `Portal-Event-Id`.
 */
export interface NotifierOptions {
  store: StateStore;
  settings: NotifySettings;
  publicUrl: string;
  /** Emails go to `<dataDir>/mail/` when SMTP_URL is not set. */
  dataDir: string;
  logger: Logger;
  now?: () => number;
  random?: () => number;
  /** DNS resolution of target hosts (tests inject one; nothing leaves the machine). */
  resolve?: Resolver;
  policy?: RetryPolicy;
  /** Where "mail: wrote …" lines go (standard output by default). */
  print?: (line: string) => void;
  /** Per-attempt deadline (connect, send, answer); 10 s. */
  attemptTimeoutMs?: number;
  /** How long a claim holds a delivery for its instance; well above any attempt's duration. */
  leaseMs?: number;
}

export type DeliveryStatus = 'pending' | 'delivering' | 'retrying' | 'delivered' | 'failed';

export interface TargetView {
  id: string;
  kind: TargetKind | 'removed';
  /** Host and masked key; never the key. */
  display: string;
  source: 'link' | 'default';
}

export interface DeliveryLogEntry {
  eventId: string;
  type: NotifyEventType;
  createdAt: number;
  target: TargetView;
  attempts: number;
  status: DeliveryStatus;
  /** HTTP (or SMTP) status of the last attempt that reported back. */
  lastStatus: number | null;
  /** Why the last attempt did not deliver, in our words (never the receiver's answer). */
  lastError: string | null;
  /** The same as a code, for the owner's page to word in their language. */
  lastProblem: DeliveryProblem | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
}

export class NoTargetsError extends Error {
  constructor() {
    super('This link has no notification targets (and NOTIFY_DEFAULT names none).');
    this.name = 'NoTargetsError';
  }
}

const SCAN_CONCURRENCY = 4;
const LOG_CONCURRENCY = 8;
/** After losing a claim race, look again this much later (the winner is on it). */
const LOST_CLAIM_BACKOFF_MS = 5_000;

interface DeliveryState {
  finished: boolean;
  attempts: number;
  dueAt: number;
}

function stateOf(head: JournalHead | null, now: number): DeliveryState {
  if (!head) return { finished: false, attempts: 0, dueAt: 0 };
  const e = head.entry;
  if (e.k === 'claim') {
    return { finished: false, attempts: e.n, dueAt: e.until > now ? e.until : 0 };
  }
  if (e.outcome === 'retry') return { finished: false, attempts: e.n, dueAt: e.nextAt ?? 0 };
  return { finished: true, attempts: e.n, dueAt: Infinity };
}

async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class Notifier {
  /** Names this instance in the claims it writes (diagnosis only). */
  readonly instanceId = randomBytes(6).toString('base64url');
  readonly outbox: Outbox;
  private readonly store: StateStore;
  private readonly settings: NotifySettings;
  private readonly publicUrl: string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly resolve: Resolver | undefined;
  private readonly policy: RetryPolicy;
  private readonly attemptTimeoutMs: number;
  private readonly leaseMs: number;
  private readonly mail: MailSender;
  /** Deliveries this instance is attempting right now. */
  private readonly running = new Set<string>();
  /** Deliveries known not to be due before a time (saves reading their journals every scan). */
  private readonly notBefore = new Map<string, number>();
  private readonly events = new Map<string, OutboxEvent>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly mailDir: string;
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;

  constructor(options: NotifierOptions) {
    this.store = options.store;
    this.outbox = new Outbox(options.store);
    this.settings = options.settings;
    this.publicUrl = options.publicUrl;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.resolve = options.resolve;
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    this.mailDir = path.resolve(options.dataDir, 'mail');
    this.mail = createMailSender({
      smtpUrl: options.settings.smtpUrl,
      from: options.settings.mailFrom ?? defaultMailFrom(options.publicUrl),
      dropDir: this.mailDir,
      print,
      timeoutMs: this.attemptTimeoutMs,
    });
  }

  /** The link's stored targets and language (null when it has none of its own). */
  linkTargets(linkId: string): Promise<LinkTargets | null> {
    return readLinkTargets(this.store, linkId);
  }

  /** The link's targets, then NOTIFY_DEFAULT's, each once. */
  private async targetRefs(
    linkId: string,
  ): Promise<{ refs: TargetRef[]; language: NotifyLanguage }> {
    const own = await readLinkTargets(this.store, linkId);
    const refs: TargetRef[] = [];
    const seen = new Set<string>();
    for (const spec of own?.targets ?? []) {
      // Stored targets were checked when saved; parsing again only names them.
      const parsed = parseTarget(spec, { allowPrivate: true });
      if (!parsed.ok) continue;
      const key = targetId(parsed.target);
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({ key, source: 'link', spec: formatTarget(parsed.target) });
    }
    for (const target of this.settings.defaults) {
      const key = targetId(target);
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push({ key, source: 'default' });
    }
    return { refs, language: own?.language ?? 'en' };
  }

  /**
   * The port the submissions feature calls once a submission has closed with its files
   * verified. Resolves once the event is safely in the outbox (delivery goes on in the
   * background); null when nobody is to be told. Telling it twice about the same submission
   * makes one event.
   */
  async onSubmissionClosed(
    input: ClosedSubmission,
  ): Promise<{ eventId: string; targets: number } | null> {
    const { refs, language } = await this.targetRefs(input.link.id);
    if (refs.length === 0) return null;
    const event = submissionEvent(input, this.publicUrl, this.now(), language);
    await this.enqueue(input.link.id, event, refs);
    return { eventId: event.body.id, targets: refs.length };
  }

  /** "Send a test event": a `test` event to every target of the link, delivered like any other. */
  async sendTest(link: {
    id: string;
    title: string;
  }): Promise<{ eventId: string; targets: number }> {
    const { refs, language } = await this.targetRefs(link.id);
    if (refs.length === 0) throw new NoTargetsError();
    const event = testEvent(link, language, this.publicUrl, this.now());
    const record = await this.enqueue(link.id, event, refs);
    return { eventId: record.id, targets: refs.length };
  }

  /** Waits until the deliveries this instance started have finished their current attempt. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.scanning) {
      await Promise.allSettled([...this.inFlight, this.scanning]);
    }
  }

  private async enqueue(
    linkId: string,
    event: NotifyEvent,
    refs: TargetRef[],
  ): Promise<OutboxEvent> {
    const record: OutboxEvent = {
      v: 1,
      id: event.body.id,
      type: event.body.type,
      linkId,
      createdAt: Date.parse(event.body.createdAt),
      language: event.language,
      adminUrl: event.adminUrl,
      raw: JSON.stringify(event.body),
      targets: refs,
    };
    const added = await this.outbox.add(record);
    this.logger.info(
      `notify: event ${record.id} (${record.type}) for link ${linkId}${added ? '' : ' was recorded already'}`,
    );
    if (added) this.track(this.deliverEvent(record));
    return record;
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.logger.error('notify: delivery failed', err));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private resolveTarget(ref: TargetRef): NotifyTarget | { problem: DeliveryProblem } {
    if (ref.source === 'default') {
      const found = this.settings.defaults.find((t) => targetId(t) === ref.key);
      return found ?? { problem: { code: 'target-gone' } };
    }
    const parsed = parseTarget(ref.spec ?? '', { allowPrivate: this.settings.allowPrivate });
    return parsed.ok ? parsed.target : { problem: { code: 'target-not-allowed' } };
  }

  private viewOf(ref: TargetRef): TargetView {
    const target =
      ref.source === 'default'
        ? this.settings.defaults.find((t) => targetId(t) === ref.key)
        : (() => {
            const parsed = parseTarget(ref.spec ?? '', { allowPrivate: true });
            return parsed.ok ? parsed.target : undefined;
          })();
    if (!target) {
      return {
        id: ref.key,
        kind: 'removed',
        display: '(no longer configured)',
        source: ref.source,
      };
    }
    return { id: ref.key, kind: target.kind, display: displayTarget(target), source: ref.source };
  }

  /** Delivers every due delivery of one event; moves it to done once all have finished. */
  async deliverEvent(event: OutboxEvent): Promise<boolean> {
    const states = await Promise.all(event.targets.map((ref) => this.deliver(event, ref)));
    if (!states.every((s) => s === 'finished')) return false;
    await this.outbox.finish(event, this.now());
    this.events.delete(event.id);
    for (const ref of event.targets) this.notBefore.delete(`${event.id}/${ref.key}`);
    return true;
  }

  private async deliver(event: OutboxEvent, ref: TargetRef): Promise<'finished' | 'open'> {
    const key = `${event.id}/${ref.key}`;
    if (this.running.has(key)) return 'open';
    if ((this.notBefore.get(key) ?? 0) > this.now()) return 'open';
    this.running.add(key);
    try {
      const head = await this.outbox.head(event.id, ref.key);
      const now = this.now();
      const state = stateOf(head, now);
      if (state.finished) return 'finished';
      if (state.dueAt > now) {
        this.notBefore.set(key, state.dueAt);
        return 'open';
      }
      const seq = (head?.seq ?? 0) + 1;
      const n = state.attempts + 1;
      const view = this.viewOf(ref);
      if (head?.entry.k === 'claim' && now > event.createdAt + this.policy.windowMs) {
        // A claim that expired after the window (retries past it are never scheduled): its
        // attempt never reported back. An event never attempted at all still gets one try.
        const problem: DeliveryProblem = {
          code: 'no-report',
          gaveUpAfterHours: Math.round(this.policy.windowMs / 3600_000),
        };
        await this.record(event, ref, view, seq, n - 1, { status: 'failed', problem }, null);
        return 'finished';
      }
      const claim: JournalEntry = {
        v: 1,
        k: 'claim',
        n,
        at: now,
        by: this.instanceId,
        until: now + this.leaseMs,
      };
      if (!(await this.outbox.append(event.id, ref.key, seq, claim))) {
        this.notBefore.set(key, now + LOST_CLAIM_BACKOFF_MS);
        return 'open';
      }
      const target = this.resolveTarget(ref);
      const outcome: AttemptOutcome =
        'problem' in target
          ? { kind: 'permanent', status: null, problem: target.problem }
          : await attemptDelivery(
              target,
              { body: JSON.parse(event.raw), language: event.language, adminUrl: event.adminUrl },
              event.raw,
              `${event.id}.${ref.key}`,
              {
                webhookSecrets: this.settings.webhookSecrets,
                allowPrivate: this.settings.allowPrivate,
                timeoutMs: this.attemptTimeoutMs,
                mail: this.mail,
                now: this.now,
                ...(this.resolve ? { resolve: this.resolve } : {}),
              },
            );
      const step = nextStep(outcome, n, event.createdAt, this.now(), this.policy, this.random);
      const written = await this.record(event, ref, view, seq + 1, n, step, outcome);
      if (!written) return 'open';
      if (step.status === 'retry') {
        this.notBefore.set(key, step.nextAt);
        return 'open';
      }
      return 'finished';
    } catch (err) {
      // Storage trouble: nothing was lost (the outbox still has the event); a later scan retries.
      this.logger.warn(
        `notify: could not process event ${event.id}: ${err instanceof Error ? err.name : 'error'}`,
      );
      return 'open';
    } finally {
      this.running.delete(key);
    }
  }

  /** Appends a result to the journal and logs it (target shown masked, no answer body). */
  private async record(
    event: OutboxEvent,
    ref: TargetRef,
    view: TargetView,
    seq: number,
    n: number,
    step: ReturnType<typeof nextStep>,
    outcome: AttemptOutcome | null,
  ): Promise<boolean> {
    const at = this.now();
    const problem =
      step.status === 'failed'
        ? step.problem
        : outcome && outcome.kind !== 'delivered'
          ? outcome.problem
          : null;
    const error = problem ? problemText(problem) : null;
    const written = await this.outbox.append(event.id, ref.key, seq, {
      v: 1,
      k: 'result',
      n,
      at,
      outcome: step.status,
      status: outcome?.status ?? null,
      error,
      ...(problem ? { problem } : {}),
      nextAt: step.status === 'retry' ? step.nextAt : null,
    });
    const what =
      step.status === 'retry'
        ? `will retry at ${new Date(step.nextAt).toISOString()} (${error})`
        : step.status === 'failed'
          ? `failed: ${error}`
          : `delivered${outcome?.status ? ` (${outcome.status})` : ''}`;
    const line = `notify: event ${event.id} to ${view.display}, attempt ${n}: ${what}`;
    if (step.status === 'delivered') this.logger.info(line);
    else this.logger.warn(line);
    return written;
  }

  /**
   * One scan of the outbox: every pending event with a delivery due is worked on. Run by the
   * timer `start()` sets up; tests call it directly with a moved clock.
   */
  async runOnce(): Promise<void> {
    const pending = await this.outbox.listPending();
    const now = this.now();
    await eachLimited(pending, SCAN_CONCURRENCY, async ({ linkId, id }) => {
      const cached = this.events.get(id);
      if (
        cached &&
        cached.targets.every((r) => (this.notBefore.get(`${id}/${r.key}`) ?? 0) > now)
      ) {
        return;
      }
      const event = cached ?? (await this.outbox.readPending(linkId, id));
      if (!event) return;
      this.events.set(id, event);
      await this.deliverEvent(event);
    });
  }

  /** Scans now and every NOTIFY_POLL_SECONDS: resumes whatever an earlier run left pending. */
  start(): void {
    if (this.timer) return;
    if (!this.settings.smtpUrl) {
      this.logger.info(
        `notify: SMTP_URL is not set, so emails to mailto: targets are written to ${this.mailDir} as .eml files`,
      );
    }
    const scan = () => {
      if (this.scanning) return;
      this.scanning = this.runOnce()
        .catch((err: unknown) =>
          this.logger.warn(
            `notify: outbox scan failed (${err instanceof Error ? err.name : 'error'}); next scan retries`,
          ),
        )
        .finally(() => {
          this.scanning = null;
        });
    };
    this.timer = setInterval(scan, this.settings.pollSeconds * 1000);
    this.timer.unref();
    scan();
  }

  /** Stops scanning and waits for the attempts under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
    this.mail.close();
  }

  /** The delivery log of a link's newest events: one line per event and target. */
  async deliveryLog(linkId: string, limit = 20): Promise<DeliveryLogEntry[]> {
    const events = await this.outbox.linkEvents(linkId, limit);
    const rows = events.flatMap((event) => event.targets.map((ref) => ({ event, ref })));
    const out: DeliveryLogEntry[] = new Array(rows.length);
    const now = this.now();
    await eachLimited(
      rows.map((row, i) => ({ ...row, i })),
      LOG_CONCURRENCY,
      async ({ event, ref, i }) => {
        const head = await this.outbox.head(event.id, ref.key);
        out[i] = logEntry(event, this.viewOf(ref), head, now);
      },
    );
    return out;
  }

  /** What each target of a link's events looks like to the owner (masked). */
  async targetViews(linkId: string): Promise<{ language: NotifyLanguage; targets: TargetView[] }> {
    const { refs, language } = await this.targetRefs(linkId);
    return { language, targets: refs.map((r) => this.viewOf(r)) };
  }
}

function logEntry(
  event: OutboxEvent,
  target: TargetView,
  head: JournalHead | null,
  now: number,
): DeliveryLogEntry {
  const base = { eventId: event.id, type: event.type, createdAt: event.createdAt, target };
  if (!head) {
    return {
      ...base,
      attempts: 0,
      status: event.finishedAt ? 'failed' : 'pending',
      lastStatus: null,
      lastError: null,
      lastProblem: null,
      lastAttemptAt: null,
      nextAttemptAt: event.finishedAt ? null : event.createdAt,
    };
  }
  const e = head.entry;
  const lastResult = e.k === 'result' ? e : head.previous?.k === 'result' ? head.previous : null;
  const last = {
    lastStatus: lastResult?.status ?? null,
    lastError: lastResult?.error ?? null,
    lastProblem: lastResult?.problem ?? null,
  };
  if (e.k === 'claim') {
    const live = e.until > now;
    return {
      ...base,
      attempts: e.n,
      status: live ? 'delivering' : 'pending',
      ...last,
      lastAttemptAt: e.at,
      nextAttemptAt: live ? null : now,
    };
  }
  return {
    ...base,
    attempts: e.n,
    status: e.outcome === 'retry' ? 'retrying' : e.outcome,
    ...last,
    lastAttemptAt: e.at,
    nextAttemptAt: e.outcome === 'retry' ? e.nextAt : null,
  };
}
