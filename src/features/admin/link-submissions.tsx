import type { AxiosInstance } from 'axios';
import { useId, useState } from 'react';
import { useI18n } from '../../i18n/use-i18n';
import { SubmissionsPanel } from './submissions-panel';
import '../../i18n/catalogue-en-submissions';

/**
 * A link's "Submissions" button and, once pressed, its submissions panel (loaded only then).
 * Opened from the start for `/admin?link=…&submission=…`.
 */
export function LinkSubmissions({
  client,
  linkId,
  linkTitle,
  initiallyOpen,
  initialSubmission,
}: {
  client: AxiosInstance;
  linkId: string;
  linkTitle: string;
  initiallyOpen: boolean;
  initialSubmission?: string | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(initiallyOpen);
  const id = useId();
  return (
    <>
      <button
        className="button button--quiet"
        type="button"
        data-testid="submissions-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
      >
        {t.t('admin.subs.toggle')}
      </button>
      <div id={id} hidden={!open}>
        {open && (
          <SubmissionsPanel
            client={client}
            linkId={linkId}
            linkTitle={linkTitle}
            initialSubmission={initialSubmission}
          />
        )}
      </div>
    </>
  );
}
