/**
 * Opening the submission with the first batch of files (so a visit that sends nothing leaves
 * nothing behind), and keeping the proof of the password that opening it needs. A gate the
 * signer did not let pass comes back on the page, with the signer's reasons.
 */
import { isSignerError } from '../../../lib/api-client';
import { currentGate, emit, persist, type SessionCore } from './session-core';
import { gateError } from './session-gates';
import { problemOf } from './signer-answers';

/** A proof is given up this long before the signer would refuse it. */
const PROOF_MARGIN_MS = 30_000;

export function setProof(core: SessionCore, value: string, expiresAtLocal: number): void {
  const { clock } = core;
  core.proof = { value, expiresAt: expiresAtLocal };
  clock.clearTimeout(core.proofTimer);
  // Once a submission is open the proof has done its job; before that, an expired one
  // brings the password back rather than failing the first batch.
  core.proofTimer = clock.setTimeout(
    () => {
      core.proof = null;
      if (core.state === 'none') core.again = 'password';
      emit(core);
    },
    Math.max(0, expiresAtLocal - PROOF_MARGIN_MS - clock.now()),
  );
}

/** The signer refused to open it: the gate it names is asked again. */
function gateRefused(core: SessionCore, error: unknown) {
  if (!isSignerError(error)) return;
  if (error.code === 'password-required') {
    core.proof = null;
    core.again = 'password';
  }
  if (error.code === 'uploader-details-required') {
    core.visit.confirmed = false;
    core.refused = problemOf(error.details);
    core.again = 'details';
  }
  if (error.code === 'terms-not-accepted') {
    core.visit.termsAccepted = null;
    core.again = 'terms';
  }
  persist(core);
  emit(core);
}

/** Opens the submission and gives its token; rejects at a gate not passed. */
export async function openSubmission(core: SessionCore): Promise<string> {
  const gate = currentGate(core);
  if (gate !== null) throw gateError(gate);
  const { req, asked, visit, prefilled } = core;
  const details = { ...visit.answers.details, ...prefilled.details };
  const fields = { ...visit.answers.fields, ...prefilled.fields };
  try {
    const opened = await core.api.open({
      ...(core.proof ? { proof: core.proof.value } : {}),
      ...(asked.details.length > 0 ? { details } : {}),
      ...(asked.fields.length > 0 ? { fields } : {}),
      ...(req?.terms ? { termsAccepted: visit.termsAccepted ?? undefined } : {}),
    });
    const { id, token } = opened.submission;
    visit.submission = { id, token };
    core.idleSeconds = opened.submission.idleSeconds;
    core.state = 'open';
    core.refused = null;
    core.again = null;
    persist(core);
    emit(core);
    return token;
  } catch (error) {
    gateRefused(core, error);
    throw error;
  }
}
