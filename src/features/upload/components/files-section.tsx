import { useMemo } from 'react';
import { useI18n } from '../../../i18n/use-i18n';
import type { FileEntry, Totals } from '../engine/types';
import type { EngineCommands } from '../hooks/engine-session';
import type { RejectionGroup } from '../intake/group-rejections';
import { ALL_FILES, countsOf, filterFiles, type ListFilter } from '../intake/list-filter';
import { FileList } from './file-list';
import { ListFilters } from './list-filters';
import { describeGroup } from './rejection-summary';

/**
 * The file list under its filters: which files show (all, or one status, or one group of
 * refusals), what the list is called then, and the way back to all of them.
 */
export function FilesSection({
  files,
  totals,
  groups,
  filter,
  onFilter,
  commands,
  locked,
}: {
  files: readonly FileEntry[];
  totals: Totals;
  groups: readonly RejectionGroup[];
  filter: ListFilter;
  onFilter(filter: ListFilter): void;
  commands: Pick<EngineCommands, 'cancel' | 'pause' | 'resume' | 'retry'>;
  locked: boolean;
}) {
  const { t } = useI18n();
  const shown = useMemo(() => filterFiles(files, filter), [files, filter]);
  if (files.length === 0) return null;

  const narrowedTo =
    filter.group === undefined ? undefined : groups.find((group) => group.key === filter.group);
  const filterName =
    narrowedTo !== undefined ? describeGroup(narrowedTo, t) : t.t(`filter.${filter.kind}`);
  return (
    <div className="files">
      <ListFilters counts={countsOf(totals)} filter={filter} onChange={onFilter} />
      {filter.kind !== 'all' && (
        <p className="files__filter">
          <span>{t.t('list.labelFiltered', { filter: filterName })}</span>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onFilter(ALL_FILES)}
          >
            {t.t('filter.showAll')}
          </button>
        </p>
      )}
      {shown.length > 0 ? (
        <FileList
          files={shown}
          commands={commands}
          locked={locked}
          label={
            filter.kind === 'all'
              ? t.t('list.label')
              : t.t('list.labelFiltered', { filter: filterName })
          }
        />
      ) : (
        <p className="files__empty muted">{t.t('filter.empty')}</p>
      )}
    </div>
  );
}
