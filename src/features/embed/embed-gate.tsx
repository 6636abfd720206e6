import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import type { EmbedAccess } from './embed-origin-gate';
import { EmbedBlocked } from './embed-blocked';
import './embed.css';

/**
 * The upload box only for a page the link allows to frame it: a short status while that is
 * being checked, the refusal when it is not. `standalone` (not framed) shows it as it is.
 */
export function EmbedGate({
  access,
  pending,
  children,
}: {
  access: EmbedAccess;
  /** Still checking, but there is something to show that reveals nothing (a link error). */
  pending?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (access === 'blocked') return <EmbedBlocked />;
  if (access === 'checking') {
    return (
      pending ?? (
        <p role="status" className="page-status">
          {t.t('embed.checking')}
        </p>
      )
    );
  }
  return children;
}
