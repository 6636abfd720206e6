/**
 * The submission's receipt and its close: each receipt the signer sends is kept (with the
 * clock offset its `closesAt` needs), a closed one is told once to the close listeners, and
 * while nothing is in flight the session looks again once the signer may have closed it for
 * idling (it closes a submission `idleSeconds` after its last file; nobody tells the page).
 */
import type { SubmissionReceipt } from '../../../../protocol/submissions';
import { isSignerError } from '../../../lib/api-client';
import { emit, persist, type SessionCore } from './session-core';

/** After the idle deadline, the status call that lets the signer close it. */
const IDLE_CHECK_DELAY_MS = 2_000;

export function takeReceipt(core: SessionCore, next: SubmissionReceipt, serverTime: number) {
  core.receipt = next;
  core.receiptOffset = serverTime - core.clock.now();
  if (next.state === 'closed') {
    core.state = 'closed';
    core.clock.clearTimeout(core.idleTimer);
    if (core.closedReported !== next.id) {
      core.closedReported = next.id;
      for (const listener of [...core.closedListeners]) listener(next);
    }
  }
  emit(core);
  watchIdle(core);
}

/** While nothing is in flight, look again once the signer may have closed it for idling. */
export function watchIdle(core: SessionCore): void {
  const { clock, receipt } = core;
  clock.clearTimeout(core.idleTimer);
  core.idleTimer = null;
  if (core.busy || core.state !== 'open' || !receipt || receipt.closesAt === null) return;
  const wait = receipt.closesAt - core.receiptOffset - clock.now() + IDLE_CHECK_DELAY_MS;
  core.idleTimer = clock.setTimeout(
    () => void refreshReceipt(core).catch(() => {}),
    Math.max(0, wait),
  );
}

/** The receipt as it stands now (null before the submission opens). */
export async function refreshReceipt(core: SessionCore): Promise<SubmissionReceipt | null> {
  const submission = core.visit.submission;
  if (!submission) return core.receipt;
  try {
    const res = await core.api.status(submission.token);
    takeReceipt(core, res.submission, res.serverTime);
    return res.submission;
  } catch (error) {
    if (isSignerError(error) && error.code === 'submission-invalid') {
      // Not a submission the signer knows (another deployment, edited storage): start afresh.
      core.visit.submission = null;
      core.state = 'none';
      persist(core);
      emit(core);
      return null;
    }
    throw error;
  }
}

export async function finishSubmission(core: SessionCore): Promise<SubmissionReceipt> {
  const submission = core.visit.submission;
  if (!submission) throw new Error('no submission to finish');
  const res = await core.api.finish(submission.token);
  takeReceipt(core, res.submission, res.serverTime);
  return res.submission;
}
