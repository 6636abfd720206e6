import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';

/** A read-only address with a Copy button (the text stays selectable if copying fails). */
export function CopyField({
  value,
  label,
  testId = 'link-url',
}: {
  value: string;
  label: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="admin-copy">
      <input
        type="text"
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button className="button" type="button" onClick={() => void copy()}>
        {copied ? t.t('admin.links.copied') : t.t('admin.links.copy')}
      </button>
    </div>
  );
}
