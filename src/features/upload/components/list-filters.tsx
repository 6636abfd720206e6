import { useI18n } from '../../../i18n/use-i18n';
import type { FilterKind, ListFilter } from '../intake/list-filter';

const SHOWN: readonly FilterKind[] = ['all', 'active', 'failed', 'done'];

/**
 * All / in progress / failed / done (and "not accepted" once something was refused), each with
 * its count. Toggle buttons: the pressed one is marked by shape and weight, not colour alone.
 */
export function ListFilters({
  counts,
  filter,
  onChange,
}: {
  counts: Readonly<Record<FilterKind, number>>;
  filter: ListFilter;
  onChange(filter: ListFilter): void;
}) {
  const { t } = useI18n();
  const kinds = counts.rejected > 0 ? [...SHOWN, 'rejected' as const] : SHOWN;
  return (
    <div className="filters" role="group" aria-label={t.t('filter.label')}>
      {kinds.map((kind) => {
        const pressed = filter.kind === kind;
        return (
          <button
            key={kind}
            type="button"
            className="filter"
            aria-pressed={pressed}
            data-filter={kind}
            // Pressing the active filter again clears a narrowed "not accepted" view.
            onClick={() => onChange({ kind })}
          >
            <span className="filter__label">{t.t(`filter.${kind}`)}</span>
            <span className="filter__count">{t.number(counts[kind])}</span>
          </button>
        );
      })}
    </div>
  );
}
