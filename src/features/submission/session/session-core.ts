/**
 * The session's state in one place, and the few things every part of it does with that state:
 * work out the gate, build the snapshot and tell listeners, remember the visit. The commands
 * (../submission-session.ts) and the submission's life (open-submission.ts, session-receipt.ts)
 * work on it; nothing outside the session sees it.
 */
import type { SubmissionReceipt, SubmissionRequirements } from '../../../../protocol/submissions';
import type { DetailsProblem } from '../../../../protocol/uploader-details';
import type { SubmissionApi } from '../api/submission-api';
import { createVisitStore, type VisitStore } from '../visit-store';
import { EMPTY_ANSWERS, gateBeforeOpening, gatesOf, remainingAsks } from './session-gates';
import {
  SYSTEM_CLOCK,
  type Answers,
  type Asks,
  type Clock,
  type Gate,
  type GateAgain,
  type SubmissionSnapshot,
  type SubmissionState,
} from './session-types';
import { createVisitMemory, type Remembered, type VisitMemory } from './visit-memory';

/** The signer's default (SUBMISSION_IDLE_SECONDS), until it says otherwise. */
const DEFAULT_IDLE_SECONDS = 600;

export interface SessionOptions {
  api: SubmissionApi;
  linkId: string;
  /** `link.submission`: null for a link that asks nothing. */
  requirements: SubmissionRequirements | null;
  storage?: VisitStore;
  clock?: Clock;
}

export interface SessionCore {
  readonly api: SubmissionApi;
  readonly req: SubmissionRequirements | null;
  readonly clock: Clock;
  readonly memory: VisitMemory;
  readonly asked: Asks;
  readonly gates: readonly Gate[];
  /** What the visit remembers across a reload. */
  visit: Remembered;
  /** What the embedding page filled in (not asked again, not remembered). */
  prefilled: Answers;
  proof: { value: string; expiresAt: number } | null;
  proofTimer: unknown;
  idleTimer: unknown;
  refused: DetailsProblem | null;
  again: GateAgain | null;
  state: SubmissionState;
  receipt: SubmissionReceipt | null;
  receiptOffset: number;
  generation: number;
  idleSeconds: number;
  /** Files in flight on the page. */
  busy: boolean;
  destroyed: boolean;
  /** The id of the last submission whose close was told. */
  closedReported: string | null;
  /** The opening of the submission, while it is under way (concurrent batches share it). */
  opening: Promise<string> | null;
  readonly listeners: Set<() => void>;
  readonly closedListeners: Set<(receipt: SubmissionReceipt) => void>;
  snapshot: SubmissionSnapshot;
}

export function createSessionCore(options: SessionOptions): SessionCore {
  const req = options.requirements;
  const memory = createVisitMemory(options.storage ?? createVisitStore(), options.linkId);
  const remembered = memory.read();
  const visit: Remembered = {
    answers: remembered?.answers ?? EMPTY_ANSWERS,
    confirmed: remembered?.confirmed ?? false,
    termsAccepted: remembered?.termsAccepted ?? null,
    submission: remembered?.submission ?? null,
  };
  const core: SessionCore = {
    api: options.api,
    req,
    clock: options.clock ?? SYSTEM_CLOCK,
    memory,
    asked: { details: req?.details ?? [], fields: req?.fields ?? [] },
    gates: gatesOf(req),
    visit,
    prefilled: EMPTY_ANSWERS,
    proof: null,
    proofTimer: null,
    idleTimer: null,
    refused: null,
    again: null,
    state: visit.submission ? 'open' : 'none',
    receipt: null,
    receiptOffset: 0,
    generation: 0,
    idleSeconds: req?.idleSeconds ?? DEFAULT_IDLE_SECONDS,
    busy: false,
    destroyed: false,
    closedReported: null,
    opening: null,
    listeners: new Set(),
    closedListeners: new Set(),
    snapshot: null as unknown as SubmissionSnapshot,
  };
  core.snapshot = buildSnapshot(core);
  return core;
}

export function stillAsked(core: SessionCore): Asks {
  return remainingAsks(core.asked, core.prefilled);
}

export function currentGate(core: SessionCore): Gate | null {
  if (core.state !== 'none') return null;
  return gateBeforeOpening({
    req: core.req,
    left: stillAsked(core),
    hasProof: core.proof !== null,
    answers: core.visit.answers,
    confirmed: core.visit.confirmed,
    termsAccepted: core.visit.termsAccepted,
  });
}

function buildSnapshot(core: SessionCore): SubmissionSnapshot {
  return {
    gates: core.gates,
    gate: currentGate(core),
    ask: stillAsked(core),
    answers: core.visit.answers,
    refused: core.refused,
    again: core.again,
    state: core.state,
    id: core.receipt?.id ?? core.visit.submission?.id ?? null,
    receipt: core.receipt,
    receiptOffset: core.receiptOffset,
    generation: core.generation,
    idleSeconds: core.idleSeconds,
  };
}

/** A new snapshot for the listeners (after any change). */
export function emit(core: SessionCore): void {
  if (core.destroyed) return;
  core.snapshot = buildSnapshot(core);
  for (const listener of core.listeners) listener();
}

export function persist(core: SessionCore): void {
  core.memory.write(core.visit);
}
