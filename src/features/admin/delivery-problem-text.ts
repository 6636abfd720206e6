import type { DeliveryProblem } from '../../../protocol/admin';
import type { Translator } from '../../i18n/create-translator';

/**
 * Why a notification was not delivered, in the owner's language. The signer sends a code (its
 * English `lastError` stays for logs and the CLI); each code has a sentence in every catalogue.
 */
export function deliveryProblemText(problem: DeliveryProblem, t: Translator): string {
  const text = t.t(`admin.notify.problem.${problem.code}`, { detail: problem.detail ?? '' });
  if (problem.gaveUpAfterHours === undefined) return text;
  return t.t('admin.notify.problem.gaveUp', { hours: problem.gaveUpAfterHours, last: text });
}
