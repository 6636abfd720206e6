import { composeParts } from '../../../i18n/compose-parts';
import type { Translator } from '../../../i18n/create-translator';
import type { SessionSummary } from '../intake/session-summary';

/** The closing summary as one sentence for the live region. */
export function summarySentence(summary: SessionSummary, t: Translator): string {
  const parts = [
    summary.done > 0
      ? t.plural('summary.done', summary.done, {
          size: t.bytes(summary.doneBytes),
          duration: t.elapsed(summary.elapsedMs),
        })
      : t.t('summary.none'),
  ];
  if (summary.failed > 0) parts.push(t.plural('overall.failed', summary.failed));
  return composeParts(parts, t.locale);
}
