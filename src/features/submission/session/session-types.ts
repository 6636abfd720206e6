/**
 * What the submission session (../submission-session.ts) shows and offers: its snapshot, its
 * commands and their outcomes, and the clock it runs on.
 */
import type {
  CustomField,
  DetailName,
  FieldValue,
  SubmissionReceipt,
} from '../../../../protocol/submissions';
import type { DetailsProblem } from '../../../../protocol/uploader-details';

export type Gate = 'password' | 'details' | 'terms';

/** password: its proof ran out or was refused; details, terms: the signer refused them. */
export type GateAgain = Gate;

export interface Answers {
  details: Record<string, string>;
  fields: Record<string, FieldValue>;
}

/** The details and custom fields a link asks (or still asks). */
export interface Asks {
  details: readonly DetailName[];
  fields: readonly CustomField[];
}

/** none: nothing sent yet; open: files go into it; closed: finished or idle, receipt final. */
export type SubmissionState = 'none' | 'open' | 'closed';

export interface SubmissionSnapshot {
  /** Every gate the link has, in the order the page asks them (for "step 2 of 3"). */
  gates: readonly Gate[];
  /** The gate to pass now; null once the files may be chosen (or the submission is open). */
  gate: Gate | null;
  /** The details and fields the page still asks (what the host filled in is left out). */
  ask: Asks;
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

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
