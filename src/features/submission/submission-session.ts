/**
 * One contributor's visit as a submission (docs/protocol.md, "Submissions"): the gates a link
 * asks (password, details, terms), the submission itself (opened lazily, with the first batch
 * of files, so a visit that sends nothing leaves nothing behind), and its receipt. Plain
 * TypeScript with `subscribe` / `getSnapshot`, like the upload engine: the page reads it with
 * one hook, and the signer port asks it for the submission token before each batch.
 *
 * Remembered for the visit only (sessionStorage, per link): the answers the person typed, the
 * terms accepted and the open submission, so a reload continues it. Never the password, and
 * not the proof of it either (it lives in memory for its half hour).
 */
import type {
  CustomField,
  DetailName,
  FieldValue,
  SubmissionReceipt,
  SubmissionRequirements,
} from '../../../protocol/submissions';
import type { DetailsProblem } from '../../../protocol/uploader-details';
import { checkUploaderDetails } from '../../../protocol/uploader-details';
import { isSignerError, SignerError } from '../../lib/api-client';
import type { SubmissionApi } from './api/submission-api';
import { createVisitStore, type VisitStore } from './visit-store';

export type Gate = 'password' | 'details' | 'terms';

/** password: its proof ran out or was refused; details, terms: the signer refused them. */
export type GateAgain = Gate;

export interface Answers {
  details: Record<string, string>;
  fields: Record<string, FieldValue>;
}

/** none: nothing sent yet; open: files go into it; closed: finished or idle, receipt final. */
export type SubmissionState = 'none' | 'open' | 'closed';

export interface SubmissionSnapshot {
  /** Every gate the link has, in the order the page asks them (for "step 2 of 3"). */
  gates: readonly Gate[];
  /** The gate to pass now; null once the files may be chosen (or the submission is open). */
  gate: Gate | null;
  /** The details and fields the page still asks (what the host filled in is left out). */
  ask: { details: readonly DetailName[]; fields: readonly CustomField[] };
  /** What the person typed so far (shown again when a gate comes back). */
  answers: Answers;
  /** The signer refused the details: per field, why (the page shows it beside the field). */
  refused: DetailsProblem | null;
  /** Why a gate passed before is asked again (the page says so above it). */
  again: GateAgain | null;
  state: SubmissionState;
  /** Set once the submission is open. */
  id: string | null;
  /** The latest receipt: "so far" while open, final once closed. */
  receipt: SubmissionReceipt | null;
  /** serverTime − local time of the latest receipt, for its `closesAt`. */
  receiptOffset: number;
  /** Counts new submissions started on this page: the upload area starts afresh with each. */
  generation: number;
  /** How long after its last file a submission closes by itself. */
  idleSeconds: number;
}

export type UnlockOutcome =
  | { ok: true }
  | { ok: false; kind: 'wrong'; attemptsLeft: number | null }
  | { ok: false; kind: 'wait'; retryAfterSeconds: number }
  | { ok: false; kind: 'error'; error: unknown };

export type PrefillOutcome =
  | { ok: true; accepted: string[]; refused: DetailsProblem['invalid'] }
  | { ok: false; reason: 'submission-open' };

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A proof is given up this long before the signer would refuse it. */
const PROOF_MARGIN_MS = 30_000;
/** The signer's default (SUBMISSION_IDLE_SECONDS), until it says otherwise. */
const DEFAULT_IDLE_SECONDS = 600;
/** After the idle deadline, the status call that lets the signer close it. */
const IDLE_CHECK_DELAY_MS = 2_000;

export interface SubmissionSession {
  subscribe(listener: () => void): () => void;
  getSnapshot(): SubmissionSnapshot;
  unlock(password: string): Promise<UnlockOutcome>;
  /** Answers for the details gate; false (with `refused` set) when a value is not valid. */
  answer(answers: Answers): boolean;
  acceptTerms(hash: string): void;
  /** Back from the terms to the details. */
  reviseDetails(): void;
  /** The embedding page fills in details and fields; those are not asked again. */
  prefill(values: Partial<Answers>): PrefillOutcome;
  /** The token for the next batch of files, opening the submission with the first one. */
  token(signal?: AbortSignal): Promise<string | undefined>;
  /** A signer call said the submission is closed: read its receipt. */
  noticeClosed(): void;
  /** Whether files are in flight on the page (the idle close is watched only when not). */
  setBusy(busy: boolean): void;
  /** The receipt as it stands now. */
  refresh(): Promise<SubmissionReceipt | null>;
  finish(): Promise<SubmissionReceipt>;
  /** After a close: the next files go into a new submission. */
  startNew(): void;
  /** Told once per submission when it closes (the embed bridge's `submission-closed`). */
  onClosed(listener: (receipt: SubmissionReceipt) => void): () => void;
  destroy(): void;
}

interface Stored {
  v: 1;
  answers: Answers;
  confirmed: boolean;
  termsAccepted: string | null;
  submission: { id: string; token: string } | null;
}

const EMPTY_ANSWERS: Answers = { details: {}, fields: {} };

function gateError(code: 'password-required' | 'uploader-details-required' | 'terms-not-accepted') {
  return new SignerError({ code, status: 400, message: `gate not passed: ${code}` });
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new SignerError({ code: 'cancelled', status: 0, message: 'Request cancelled' }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function createSubmissionSession(options: {
  api: SubmissionApi;
  linkId: string;
  /** `link.submission`: null for a link that asks nothing. */
  requirements: SubmissionRequirements | null;
  storage?: VisitStore;
  clock?: Clock;
}): SubmissionSession {
  const { api, requirements: req } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const storage = options.storage ?? createVisitStore();
  const storageKey = `cos-upload-portal.submission.${options.linkId}`;
  const askedDetails = req?.details ?? [];
  const askedFields = req?.fields ?? [];
  const gates: Gate[] = [];
  if (req?.password) gates.push('password');
  if (askedDetails.length > 0 || askedFields.length > 0) gates.push('details');
  if (req?.terms) gates.push('terms');

  const stored = readStored();
  let answers: Answers = stored?.answers ?? EMPTY_ANSWERS;
  let confirmed = stored?.confirmed ?? false;
  let termsAccepted = stored?.termsAccepted ?? null;
  let submission = stored?.submission ?? null;
  let prefilled: Answers = EMPTY_ANSWERS;
  let proof: { value: string; expiresAt: number } | null = null;
  let proofTimer: unknown = null;
  let idleTimer: unknown = null;
  let refused: DetailsProblem | null = null;
  let again: GateAgain | null = null;
  let state: SubmissionState = submission ? 'open' : 'none';
  let receipt: SubmissionReceipt | null = null;
  let receiptOffset = 0;
  let generation = 0;
  let idleSeconds = req?.idleSeconds ?? DEFAULT_IDLE_SECONDS;
  let opening: Promise<string> | null = null;
  let busy = false;
  let destroyed = false;
  let closedReported: string | null = null;
  const listeners = new Set<() => void>();
  const closedListeners = new Set<(receipt: SubmissionReceipt) => void>();
  let snapshot: SubmissionSnapshot;

  function readStored(): Stored | null {
    try {
      const raw = storage.get(storageKey);
      if (!raw) return null;
      const value = JSON.parse(raw) as Stored;
      return value && value.v === 1 ? value : null;
    } catch {
      return null;
    }
  }

  function persist() {
    const value: Stored = { v: 1, answers, confirmed, termsAccepted, submission };
    storage.set(storageKey, JSON.stringify(value));
  }

  function remaining() {
    return {
      details: askedDetails.filter((d) => !Object.hasOwn(prefilled.details, d)),
      fields: askedFields.filter((f) => !Object.hasOwn(prefilled.fields, f.label)),
    };
  }

  function currentGate(): Gate | null {
    if (state !== 'none') return null;
    if (req?.password && proof === null) return 'password';
    const left = remaining();
    const asks = left.details.length > 0 || left.fields.length > 0;
    // Confirmed answers that no longer cover what is asked (storage from another page) ask again.
    const typed = answersFor(left, answers);
    if (asks && !(confirmed && checkUploaderDetails(left, typed.details, typed.fields).ok)) {
      return 'details';
    }
    if (req?.terms && termsAccepted !== req.terms.hash) return 'terms';
    return null;
  }

  function build(): SubmissionSnapshot {
    return {
      gates,
      gate: currentGate(),
      ask: remaining(),
      answers,
      refused,
      again,
      state,
      id: receipt?.id ?? (submission ? submission.id : null),
      receipt,
      receiptOffset,
      generation,
      idleSeconds,
    };
  }

  function emit() {
    if (destroyed) return;
    snapshot = build();
    for (const listener of listeners) listener();
  }

  function setProof(value: string, expiresAtLocal: number) {
    proof = { value, expiresAt: expiresAtLocal };
    clock.clearTimeout(proofTimer);
    // Once a submission is open the proof has done its job; before that, an expired one
    // brings the password back rather than failing the first batch.
    proofTimer = clock.setTimeout(
      () => {
        proof = null;
        if (state === 'none') again = 'password';
        emit();
      },
      Math.max(0, expiresAtLocal - PROOF_MARGIN_MS - clock.now()),
    );
  }

  function takeReceipt(next: SubmissionReceipt, serverTime: number) {
    receipt = next;
    receiptOffset = serverTime - clock.now();
    if (next.state === 'closed') {
      state = 'closed';
      clock.clearTimeout(idleTimer);
      if (closedReported !== next.id) {
        closedReported = next.id;
        for (const listener of [...closedListeners]) listener(next);
      }
    }
    emit();
    watchIdle();
  }

  /** While nothing is in flight, look again once the signer may have closed it for idling. */
  function watchIdle() {
    clock.clearTimeout(idleTimer);
    idleTimer = null;
    if (busy || state !== 'open' || !receipt || receipt.closesAt === null) return;
    const wait = receipt.closesAt - receiptOffset - clock.now() + IDLE_CHECK_DELAY_MS;
    idleTimer = clock.setTimeout(() => void session.refresh().catch(() => {}), Math.max(0, wait));
  }

  async function open(): Promise<string> {
    const gate = currentGate();
    if (gate === 'password') throw gateError('password-required');
    if (gate === 'details') throw gateError('uploader-details-required');
    if (gate === 'terms') throw gateError('terms-not-accepted');
    const details = { ...answers.details, ...prefilled.details };
    const fields = { ...answers.fields, ...prefilled.fields };
    try {
      const opened = await api.open({
        ...(proof ? { proof: proof.value } : {}),
        ...(askedDetails.length > 0 ? { details } : {}),
        ...(askedFields.length > 0 ? { fields } : {}),
        ...(req?.terms ? { termsAccepted: termsAccepted ?? undefined } : {}),
      });
      const { id, token } = opened.submission;
      submission = { id, token };
      idleSeconds = opened.submission.idleSeconds;
      state = 'open';
      refused = null;
      again = null;
      persist();
      emit();
      return token;
    } catch (error) {
      // A gate the signer did not let pass comes back on the page, with the signer's reasons.
      if (isSignerError(error)) {
        if (error.code === 'password-required') {
          proof = null;
          again = 'password';
        }
        if (error.code === 'uploader-details-required') {
          confirmed = false;
          refused = problemOf(error.details);
          again = 'details';
        }
        if (error.code === 'terms-not-accepted') {
          termsAccepted = null;
          again = 'terms';
        }
        persist();
        emit();
      }
      throw error;
    }
  }

  const session: SubmissionSession = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,

    async unlock(password) {
      try {
        const res = await api.unlock(password);
        setProof(res.proof, clock.now() + (res.expiresAt - res.serverTime));
        if (again === 'password') again = null;
        emit();
        return { ok: true };
      } catch (error) {
        if (isSignerError(error) && error.code === 'password-required') {
          const left = error.details?.attemptsLeft;
          return { ok: false, kind: 'wrong', attemptsLeft: typeof left === 'number' ? left : null };
        }
        if (isSignerError(error) && error.code === 'rate-limited') {
          const after = Number(error.details?.retryAfter);
          return {
            ok: false,
            kind: 'wait',
            retryAfterSeconds: Number.isFinite(after) && after > 0 ? Math.ceil(after) : 60,
          };
        }
        return { ok: false, kind: 'error', error };
      }
    },

    answer(next) {
      const left = remaining();
      const checked = checkUploaderDetails(left, next.details, next.fields);
      answers = next;
      if (!checked.ok) {
        refused = { missing: checked.missing, invalid: checked.invalid };
        emit();
        return false;
      }
      // What the signer will store: trimmed and cleaned, exactly as the page shows it back.
      answers = {
        details: { ...checked.uploader } as Record<string, string>,
        fields: checked.fields,
      };
      confirmed = true;
      refused = null;
      if (again === 'details') again = null;
      persist();
      emit();
      return true;
    },

    acceptTerms(hash) {
      termsAccepted = hash;
      if (again === 'terms') again = null;
      persist();
      emit();
    },

    reviseDetails() {
      if (state !== 'none') return;
      confirmed = false;
      persist();
      emit();
    },

    prefill(values) {
      if (state !== 'none') return { ok: false, reason: 'submission-open' };
      const accepted: string[] = [];
      const invalid: DetailsProblem['invalid'] = [];
      const next: Answers = { details: { ...prefilled.details }, fields: { ...prefilled.fields } };
      // A value that is empty (or a required box left unticked) fills nothing: still asked.
      const take = (
        key: string,
        checked: ReturnType<typeof checkUploaderDetails> | null,
        value: FieldValue | undefined,
        store: (v: FieldValue) => void,
      ) => {
        if (checked === null) invalid.push({ field: key, reason: 'not-asked' });
        else if (!checked.ok) invalid.push(...checked.invalid.filter((i) => i.field === key));
        else if (value !== undefined) {
          store(value);
          accepted.push(key);
        }
      };
      for (const [name, value] of Object.entries(values.details ?? {})) {
        const asked = askedDetails.find((d) => d === name);
        const checked = asked
          ? checkUploaderDetails({ details: [asked], fields: [] }, { [asked]: value })
          : null;
        const clean = checked?.ok ? checked.uploader[asked!] : undefined;
        take(name, checked, clean, (v) => (next.details[name] = String(v)));
      }
      for (const [label, value] of Object.entries(values.fields ?? {})) {
        const field = askedFields.find((f) => f.label === label);
        const checked = field
          ? checkUploaderDetails({ details: [], fields: [field] }, {}, { [label]: value })
          : null;
        const clean = checked?.ok ? checked.fields[label] : undefined;
        take(`field:${label}`, checked, clean, (v) => (next.fields[label] = v));
      }
      prefilled = next;
      emit();
      return { ok: true, accepted, refused: invalid };
    },

    async token(signal) {
      if (state === 'closed') {
        throw new SignerError({
          code: 'submission-closed',
          status: 409,
          message: 'This submission is closed; start a new one.',
        });
      }
      if (submission) return submission.token;
      opening ??= open().finally(() => {
        opening = null;
      });
      return raceSignal(opening, signal);
    },

    noticeClosed() {
      void session.refresh().catch(() => {});
    },

    setBusy(next) {
      if (busy === next) return;
      busy = next;
      if (busy) {
        clock.clearTimeout(idleTimer);
        idleTimer = null;
      } else if (state === 'open') {
        // The deadline moved with the last file: ask for it again.
        void session.refresh().catch(() => {});
      }
    },

    async refresh() {
      if (!submission) return receipt;
      try {
        const res = await api.status(submission.token);
        takeReceipt(res.submission, res.serverTime);
        return res.submission;
      } catch (error) {
        if (isSignerError(error) && error.code === 'submission-invalid') {
          // Not a submission the signer knows (another deployment, edited storage): start afresh.
          submission = null;
          state = 'none';
          persist();
          emit();
          return null;
        }
        throw error;
      }
    },

    async finish() {
      if (!submission) throw new Error('no submission to finish');
      const res = await api.finish(submission.token);
      takeReceipt(res.submission, res.serverTime);
      return res.submission;
    },

    startNew() {
      if (state !== 'closed') return;
      submission = null;
      receipt = null;
      state = 'none';
      generation += 1;
      persist();
      emit();
    },

    onClosed(listener) {
      closedListeners.add(listener);
      return () => closedListeners.delete(listener);
    },

    destroy() {
      destroyed = true;
      closedListeners.clear();
      clock.clearTimeout(proofTimer);
      clock.clearTimeout(idleTimer);
      listeners.clear();
    },
  };

  snapshot = build();
  // A submission remembered from before a reload: is it still open?
  if (submission) void session.refresh().catch(() => {});
  return session;
}

/** The answers to what is still asked (a field the host filled in meanwhile is left out). */
function answersFor(
  left: { details: readonly DetailName[]; fields: readonly CustomField[] },
  answers: Answers,
): Answers {
  const details: Record<string, string> = {};
  const fields: Record<string, FieldValue> = {};
  for (const d of left.details)
    if (Object.hasOwn(answers.details, d)) details[d] = answers.details[d]!;
  for (const f of left.fields) {
    if (Object.hasOwn(answers.fields, f.label)) fields[f.label] = answers.fields[f.label]!;
  }
  return { details, fields };
}

/** `details` of an `uploader-details-required` answer, as far as it can be read. */
function problemOf(details: Record<string, unknown> | undefined): DetailsProblem {
  const missing = Array.isArray(details?.missing)
    ? details.missing.filter((m): m is string => typeof m === 'string')
    : [];
  const invalid = Array.isArray(details?.invalid)
    ? details.invalid.filter(
        (i): i is DetailsProblem['invalid'][number] =>
          typeof i === 'object' &&
          i !== null &&
          typeof (i as { field?: unknown }).field === 'string' &&
          typeof (i as { reason?: unknown }).reason === 'string',
      )
    : [];
  return { missing, invalid };
}
