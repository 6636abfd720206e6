/**
 * The embedding page's `set-uploader` values, checked one by one with the signer's own rules
 * (protocol/uploader-details.ts): what is valid is taken (and not asked again), what is not is
 * refused with its reason, and a value for something the link does not ask is `not-asked`.
 */
import type { FieldValue } from '../../../../protocol/submissions';
import { checkUploaderDetails, type DetailsProblem } from '../../../../protocol/uploader-details';
import type { Answers, Asks } from './session-types';

export interface Prefilled {
  next: Answers;
  accepted: string[];
  invalid: DetailsProblem['invalid'];
}

export function prefillAnswers(
  asked: Asks,
  prefilled: Answers,
  values: Partial<Answers>,
): Prefilled {
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
    const detail = asked.details.find((d) => d === name);
    const checked = detail
      ? checkUploaderDetails({ details: [detail], fields: [] }, { [detail]: value })
      : null;
    const clean = checked?.ok ? checked.uploader[detail!] : undefined;
    take(name, checked, clean, (v) => (next.details[name] = String(v)));
  }
  for (const [label, value] of Object.entries(values.fields ?? {})) {
    const field = asked.fields.find((f) => f.label === label);
    const checked = field
      ? checkUploaderDetails({ details: [], fields: [field] }, {}, { [label]: value })
      : null;
    const clean = checked?.ok ? checked.fields[label] : undefined;
    take(`field:${label}`, checked, clean, (v) => (next.fields[label] = v));
  }
  return { next, accepted, invalid };
}
