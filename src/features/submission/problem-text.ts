import type { CustomField, DetailName } from '../../../protocol/submissions';
import {
  MAX_DETAIL_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_TEXT_VALUE_LENGTH,
} from '../../../protocol/submissions';
import type { DetailsProblem } from '../../../protocol/uploader-details';
import type { Translator } from '../../i18n/create-translator';
import '../../i18n/catalogue-en-submissions';

/** The longest value a field takes, for "at most N characters". */
function maxLengthOf(what: CustomField | DetailName): number {
  if (typeof what === 'string') return what === 'email' ? MAX_EMAIL_LENGTH : MAX_DETAIL_LENGTH;
  return what.type === 'email' ? MAX_EMAIL_LENGTH : MAX_TEXT_VALUE_LENGTH;
}

/**
 * What is wrong with one answer, in the page's language, from the checker's (or the signer's)
 * `{missing, invalid}`: null when nothing is. `key` is the checker's name for it (`email`,
 * `field:Student ID`).
 */
export function problemText(
  key: string,
  what: CustomField | DetailName,
  problem: DetailsProblem | null,
  t: Translator,
): string | null {
  if (!problem) return null;
  if (problem.missing.includes(key)) {
    if (typeof what !== 'string' && what.type === 'checkbox') return t.t('invalid.missingBox');
    if (typeof what !== 'string' && what.type === 'select') return t.t('invalid.missingChoice');
    return t.t('invalid.missing');
  }
  const reason = problem.invalid.find((i) => i.field === key)?.reason;
  switch (reason) {
    case undefined:
      return null;
    case 'too-long':
      return t.t('invalid.too-long', { max: maxLengthOf(what) });
    case 'not-email':
    case 'not-phone':
    case 'not-number':
    case 'not-date':
    case 'not-an-option':
      return t.t(`invalid.${reason}`);
    default:
      return t.t('invalid.other');
  }
}
