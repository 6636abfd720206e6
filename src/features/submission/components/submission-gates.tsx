import { useState } from 'react';
import type { SubmissionRequirements } from '../../../../protocol/submissions';
import { useI18n } from '../../../i18n/use-i18n';
import type { SubmissionSession, SubmissionSnapshot } from '../submission-session';
import { DetailsGate } from './details-gate';
import { GateCard } from './gate-card';
import { PasswordGate } from './password-gate';
import { TermsGate } from './terms-gate';
import '../submission.css';
import '../../../i18n/catalogue-en-submissions';

/**
 * The gate the contributor has to pass now (password, then details, then terms: the order the
 * signer checks them), one card at a time. Nothing is signed before the last one is passed.
 */
export function SubmissionGates({
  session,
  snapshot,
  requirements,
}: {
  session: SubmissionSession;
  snapshot: SubmissionSnapshot;
  requirements: SubmissionRequirements;
}) {
  const { t } = useI18n();
  const { gate, gates } = snapshot;
  // The first gate of the page leaves the focus where the browser put it; later ones take it.
  const [shown, setShown] = useState(gate);
  const [moved, setMoved] = useState(false);
  if (gate !== shown) {
    setShown(gate);
    setMoved(true);
  }
  const focusOnShow = moved;
  if (gate === null) return null;
  const step = gates.indexOf(gate) + 1;
  const total = gates.length;

  switch (gate) {
    case 'password':
      return (
        <GateCard
          key={gate}
          step={step}
          total={total}
          title={t.t('gate.password.title')}
          focusOnShow={focusOnShow}
          testId="gate-password-step"
        >
          <PasswordGate session={session} again={snapshot.again === 'password'} />
        </GateCard>
      );
    case 'details':
      return (
        <GateCard
          key={gate}
          step={step}
          total={total}
          title={t.t('gate.details.title')}
          focusOnShow={focusOnShow}
          testId="gate-details-step"
        >
          <DetailsGate
            session={session}
            ask={snapshot.ask}
            answers={snapshot.answers}
            refused={snapshot.refused}
            again={snapshot.again === 'details'}
          />
        </GateCard>
      );
    case 'terms':
      return (
        <GateCard
          key={gate}
          step={step}
          total={total}
          title={t.t('gate.terms.title')}
          focusOnShow={focusOnShow}
          testId="gate-terms-step"
        >
          <TermsGate
            session={session}
            terms={requirements.terms!}
            again={snapshot.again === 'terms'}
            onBack={
              gates.includes('details') &&
              (snapshot.ask.details.length > 0 || snapshot.ask.fields.length > 0)
                ? () => session.reviseDetails()
                : undefined
            }
          />
        </GateCard>
      );
  }
}
