import { memo } from 'react';
import type { Translator } from '../../../i18n/create-translator';
import { useI18n } from '../../../i18n/use-i18n';
import type { RejectionGroup } from '../intake/group-rejections';
import type { ListFilter } from '../intake/list-filter';

/** Reasons with their own sentence; any other refusal is named by its error text. */
const SENTENCES = {
  'file-too-large': 'rejected.file-too-large',
  'file-type-not-allowed': 'rejected.file-type-not-allowed',
  'too-many-files': 'rejected.too-many-files',
  'quota-exceeded': 'rejected.quota-exceeded',
} as const;
/** Codes whose limit counts bytes; the others count files. */
const BYTE_LIMITS: ReadonlySet<string> = new Set(['file-too-large', 'quota-exceeded']);

export function describeGroup(group: RejectionGroup, t: Translator): string {
  const limit =
    group.limit === null ? '' : BYTE_LIMITS.has(group.code) ? t.bytes(group.limit) : group.limit;
  if (group.code === 'quota-exceeded' && group.limit !== null && group.remaining !== null) {
    return t.plural('rejected.quota-exceeded-room', group.count, {
      limit: t.bytes(group.limit),
      remaining: t.bytes(group.remaining),
    });
  }
  // Every sentence but the one about types names a limit; without one, say it generally.
  const needsLimit = group.code !== 'file-type-not-allowed';
  if (Object.hasOwn(SENTENCES, group.code) && (group.limit !== null || !needsLimit)) {
    return t.plural(SENTENCES[group.code as keyof typeof SENTENCES], group.count, { limit });
  }
  return t.plural('rejected.other', group.count, { reason: t.error(group.code).what });
}

/**
 * "37 files are larger than 2 GB", once per reason instead of once per file, each with a way
 * to see which files it means (the list below narrows to them).
 */
export const RejectionSummary = memo(function RejectionSummary({
  groups,
  filter,
  onShow,
}: {
  groups: readonly RejectionGroup[];
  filter: ListFilter;
  onShow(filter: ListFilter): void;
}) {
  const { t } = useI18n();
  if (groups.length === 0) return null;
  return (
    <section className="rejections" aria-labelledby="rejections-title" data-testid="rejections">
      <h2 id="rejections-title" className="rejections__title">
        {t.t('rejected.title')}
      </h2>
      <ul className="rejections__groups">
        {groups.map((group) => {
          const textId = `rejection-${group.key}`;
          const shown = filter.kind === 'rejected' && filter.group === group.key;
          return (
            <li key={group.key} className="rejections__group" data-group={group.key}>
              <span id={textId}>{describeGroup(group, t)}</span>
              {shown ? (
                <span className="muted">{t.t('rejected.showing')}</span>
              ) : (
                <button
                  type="button"
                  className="button button--quiet"
                  aria-describedby={textId}
                  onClick={() => onShow({ kind: 'rejected', group: group.key })}
                >
                  {t.t('rejected.show')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
});
