import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/use-i18n';

/**
 * One gate of the contributor page as a card: "Step 2 of 3", a heading, and the form. When a
 * gate follows another, the heading takes the focus, so a keyboard or screen-reader user
 * lands on the new step instead of on a button that is gone.
 */
export function GateCard({
  step,
  total,
  title,
  focusOnShow,
  testId,
  children,
}: {
  step: number;
  total: number;
  title: string;
  focusOnShow: boolean;
  testId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnShow) heading.current?.focus();
  }, [focusOnShow]);
  return (
    <section className="card gate" aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className="gate__head">
        {total > 1 && (
          <p className="gate__step muted" id={`${id}-step`}>
            {t.t('gate.step', { step, total })}
          </p>
        )}
        <h2
          className="card__title gate__title"
          id={`${id}-title`}
          ref={heading}
          tabIndex={-1}
          aria-describedby={total > 1 ? `${id}-step` : undefined}
        >
          {title}
        </h2>
      </div>
      {children}
    </section>
  );
}
