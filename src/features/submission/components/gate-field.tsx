import type { ReactNode } from 'react';
import type { CustomField, DetailName } from '../../../../protocol/submissions';
import { useI18n } from '../../../i18n/use-i18n';

/** The built-in details as inputs: the browser can fill each in from the person's profile. */
const DETAIL_INPUT: Record<
  DetailName,
  { type: 'text' | 'email' | 'tel'; autoComplete: string; inputMode?: 'email' | 'tel' }
> = {
  name: { type: 'text', autoComplete: 'name' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email' },
  organisation: { type: 'text', autoComplete: 'organization' },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
};

export interface Entry {
  /** `name`, or `field:<label>` as the signer names it. */
  key: string;
  label: string;
  detail?: DetailName;
  field?: CustomField;
  required: boolean;
}

/** The input a custom field of this type is asked with (what phones show as keyboard, too). */
function inputOf(entry: Entry): {
  type: 'text' | 'email' | 'tel' | 'date';
  autoComplete: string;
  inputMode?: 'email' | 'tel' | 'decimal';
} {
  if (entry.detail) return DETAIL_INPUT[entry.detail];
  switch (entry.field?.type) {
    case 'email':
      return DETAIL_INPUT.email;
    case 'date':
      return { type: 'date', autoComplete: 'off' };
    case 'number':
      return { type: 'text', autoComplete: 'off', inputMode: 'decimal' };
    default:
      return { type: 'text', autoComplete: 'off' };
  }
}

/**
 * One question of the details gate: its label (with "optional" where it is), its input, and
 * the problem with the answer beside it, tied to the input for a screen reader.
 */
export function GateField({
  entry: e,
  fieldId,
  value,
  problem,
  onChange,
}: {
  entry: Entry;
  fieldId: string;
  value: string | boolean | undefined;
  problem: string | undefined;
  onChange(value: string | boolean): void;
}) {
  const { t } = useI18n();
  const common = {
    id: fieldId,
    name: e.key,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${fieldId}-problem` : undefined,
    'aria-required': e.required && e.field?.type !== 'checkbox' ? true : undefined,
    'data-testid': `gate-field-${e.key}`,
  };
  const label = (
    <>
      {e.label}
      {!e.required && <span className="muted"> {t.t('gate.details.optional')}</span>}
    </>
  );
  const problemLine = problem && (
    <p id={`${fieldId}-problem`} className="gate__error">
      {problem}
    </p>
  );
  if (e.field?.type === 'checkbox') {
    return (
      <div className="gate__field gate__field--check">
        <input
          type="checkbox"
          {...common}
          checked={value === true}
          onChange={(ev) => onChange(ev.target.checked)}
        />
        <label htmlFor={fieldId}>{label}</label>
        {problemLine}
      </div>
    );
  }
  let control: ReactNode;
  if (e.field?.type === 'select') {
    control = (
      <select {...common} value={String(value ?? '')} onChange={(ev) => onChange(ev.target.value)}>
        <option value="">{t.t('gate.details.choose')}</option>
        {(e.field.options ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    const input = inputOf(e);
    control = (
      <input
        {...common}
        type={input.type}
        autoComplete={input.autoComplete}
        inputMode={input.inputMode}
        value={String(value ?? '')}
        onChange={(ev) => onChange(ev.target.value)}
      />
    );
  }
  return (
    <div className="gate__field">
      <label htmlFor={fieldId}>{label}</label>
      {control}
      {problemLine}
    </div>
  );
}
