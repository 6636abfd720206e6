/**
 * Which gate a visit stands at: the gates a link has, in the order the page asks them
 * (password, details, terms), what is still asked once the embedding page filled some of it
 * in, and whether the answers given cover it.
 */
import type { FieldValue, SubmissionRequirements } from '../../../../protocol/submissions';
import { checkUploaderDetails } from '../../../../protocol/uploader-details';
import { SignerError } from '../../../lib/api-client';
import type { Answers, Asks, Gate } from './session-types';

export const EMPTY_ANSWERS: Answers = { details: {}, fields: {} };

export function gatesOf(req: SubmissionRequirements | null): Gate[] {
  const gates: Gate[] = [];
  if (req?.password) gates.push('password');
  if ((req?.details.length ?? 0) > 0 || (req?.fields.length ?? 0) > 0) gates.push('details');
  if (req?.terms) gates.push('terms');
  return gates;
}

/** What is asked and not filled in by the embedding page. */
export function remainingAsks(asked: Asks, prefilled: Answers): Asks {
  return {
    details: asked.details.filter((d) => !Object.hasOwn(prefilled.details, d)),
    fields: asked.fields.filter((f) => !Object.hasOwn(prefilled.fields, f.label)),
  };
}

/** The answers to what is still asked (a field the host filled in meanwhile is left out). */
export function answersFor(left: Asks, answers: Answers): Answers {
  const details: Record<string, string> = {};
  const fields: Record<string, FieldValue> = {};
  for (const d of left.details) {
    if (Object.hasOwn(answers.details, d)) details[d] = answers.details[d]!;
  }
  for (const f of left.fields) {
    if (Object.hasOwn(answers.fields, f.label)) fields[f.label] = answers.fields[f.label]!;
  }
  return { details, fields };
}

/** The gate to pass now, before a submission is open. */
export function gateBeforeOpening(input: {
  req: SubmissionRequirements | null;
  left: Asks;
  hasProof: boolean;
  answers: Answers;
  confirmed: boolean;
  termsAccepted: string | null;
}): Gate | null {
  const { req, left } = input;
  if (req?.password && !input.hasProof) return 'password';
  const asks = left.details.length > 0 || left.fields.length > 0;
  // Confirmed answers that no longer cover what is asked (storage from another page) ask again.
  const typed = answersFor(left, input.answers);
  if (asks && !(input.confirmed && checkUploaderDetails(left, typed.details, typed.fields).ok)) {
    return 'details';
  }
  if (req?.terms && input.termsAccepted !== req.terms.hash) return 'terms';
  return null;
}

const GATE_CODES = {
  password: 'password-required',
  details: 'uploader-details-required',
  terms: 'terms-not-accepted',
} as const;

/** The refusal a batch meets at a gate not passed yet (the same code the signer would give). */
export function gateError(gate: Gate): SignerError {
  const code = GATE_CODES[gate];
  return new SignerError({ code, status: 400, message: `gate not passed: ${code}` });
}
