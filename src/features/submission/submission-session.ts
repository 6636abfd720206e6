/**
 * One contributor's visit as a submission (docs/protocol.md, "Submissions"): the gates a link
 * asks (password, details, terms), the submission itself (opened lazily, with the first batch
 * of files, so a visit that sends nothing leaves nothing behind), and its receipt. Plain
 * TypeScript with `subscribe` / `getSnapshot`, like the upload engine: the page reads it with
 * one hook, and it is the engine's submission port (the engine asks it for the token of each
 * batch, features/upload/engine/ports/submission.ts), wired by src/app.
 *
 * The parts are in session/: its state (session-core.ts), the gates (session-gates.ts), what
 * the embedding page fills in (prefill-answers.ts), opening it (open-submission.ts), its
 * receipt and close (session-receipt.ts), what a visit remembers (visit-memory.ts: the answers,
 * the terms accepted and the open submission, so a reload continues it; never the password).
 */
import { checkUploaderDetails } from '../../../protocol/uploader-details';
import { SignerError } from '../../lib/api-client';
import { openSubmission, setProof } from './session/open-submission';
import { prefillAnswers } from './session/prefill-answers';
import {
  createSessionCore,
  emit,
  persist,
  stillAsked,
  type SessionCore,
  type SessionOptions,
} from './session/session-core';
import { finishSubmission, refreshReceipt, watchIdle } from './session/session-receipt';
import type { SubmissionSession } from './session/session-types';
import { raceSignal, unlockOutcomeOf } from './session/signer-answers';

export type {
  Answers,
  Clock,
  Gate,
  GateAgain,
  PrefillOutcome,
  SubmissionSession,
  SubmissionSnapshot,
  SubmissionState,
  UnlockOutcome,
} from './session/session-types';

/** What the person does at the gates (and what the embedding page fills in). */
function gateCommands(core: SessionCore) {
  return {
    async unlock(password) {
      try {
        const res = await core.api.unlock(password);
        setProof(core, res.proof, core.clock.now() + (res.expiresAt - res.serverTime));
        if (core.again === 'password') core.again = null;
        emit(core);
        return { ok: true };
      } catch (error) {
        return unlockOutcomeOf(error);
      }
    },

    answer(next) {
      const checked = checkUploaderDetails(stillAsked(core), next.details, next.fields);
      core.visit.answers = next;
      if (!checked.ok) {
        core.refused = { missing: checked.missing, invalid: checked.invalid };
        emit(core);
        return false;
      }
      // What the signer will store: trimmed and cleaned, exactly as the page shows it back.
      core.visit.answers = {
        details: { ...checked.uploader } as Record<string, string>,
        fields: checked.fields,
      };
      core.visit.confirmed = true;
      core.refused = null;
      if (core.again === 'details') core.again = null;
      persist(core);
      emit(core);
      return true;
    },

    acceptTerms(hash) {
      core.visit.termsAccepted = hash;
      if (core.again === 'terms') core.again = null;
      persist(core);
      emit(core);
    },

    reviseDetails() {
      if (core.state !== 'none') return;
      core.visit.confirmed = false;
      persist(core);
      emit(core);
    },

    prefill(values) {
      if (core.state !== 'none') return { ok: false, reason: 'submission-open' };
      const { next, accepted, invalid } = prefillAnswers(core.asked, core.prefilled, values);
      core.prefilled = next;
      emit(core);
      return { ok: true, accepted, refused: invalid };
    },
  } satisfies Partial<SubmissionSession>;
}

/** The submission's life: its token for each batch, the idle watch, the receipt, Finish. */
function submissionCommands(core: SessionCore) {
  const refresh = () => refreshReceipt(core);
  return {
    async token(signal) {
      if (core.state === 'closed') {
        throw new SignerError({
          code: 'submission-closed',
          status: 409,
          message: 'This submission is closed; start a new one.',
        });
      }
      if (core.visit.submission) return core.visit.submission.token;
      core.opening ??= openSubmission(core).finally(() => {
        core.opening = null;
      });
      return raceSignal(core.opening, signal);
    },

    noticeClosed() {
      void refresh().catch(() => {});
    },

    setBusy(next) {
      if (core.busy === next) return;
      core.busy = next;
      if (core.busy) {
        watchIdle(core);
      } else if (core.state === 'open') {
        // The deadline moved with the last file: ask for it again.
        void refresh().catch(() => {});
      }
    },

    refresh,
    finish: () => finishSubmission(core),

    startNew() {
      if (core.state !== 'closed') return;
      core.visit.submission = null;
      core.receipt = null;
      core.state = 'none';
      core.generation += 1;
      persist(core);
      emit(core);
    },
  } satisfies Partial<SubmissionSession>;
}

export function createSubmissionSession(options: SessionOptions): SubmissionSession {
  const core = createSessionCore(options);
  const session: SubmissionSession = {
    subscribe(listener) {
      core.listeners.add(listener);
      return () => core.listeners.delete(listener);
    },
    getSnapshot: () => core.snapshot,
    ...gateCommands(core),
    ...submissionCommands(core),
    onClosed(listener) {
      core.closedListeners.add(listener);
      return () => core.closedListeners.delete(listener);
    },
    destroy() {
      core.destroyed = true;
      core.closedListeners.clear();
      core.clock.clearTimeout(core.proofTimer);
      core.clock.clearTimeout(core.idleTimer);
      core.listeners.clear();
    },
  };
  // A submission remembered from before a reload: is it still open?
  if (core.visit.submission) void session.refresh().catch(() => {});
  return session;
}
