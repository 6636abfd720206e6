import { useMemo, useState } from 'react';
import type { Translator } from '../../../i18n/create-translator';
import { useI18n } from '../../../i18n/use-i18n';
import type { UploadEngine } from '../engine/types';
import { useBackgroundPause } from '../hooks/use-background-pause';
import { useIntake } from '../hooks/use-intake';
import { TOUCH_FIRST, useMediaQuery } from '../hooks/use-media-query';
import { usePasteFiles } from '../hooks/use-paste-files';
import { useUploadEngine } from '../hooks/use-upload-engine';
import { acceptsPhotos } from '../intake/accepts-photos';
import { groupRejections, type RejectionGroup } from '../intake/group-rejections';
import { ALL_FILES, countsOf, filterFiles, type ListFilter } from '../intake/list-filter';
import { summarizeSession, type SessionSummary } from '../intake/session-summary';
import { Dropzone } from './dropzone';
import { FileList } from './file-list';
import { IntakeNotices } from './intake-notices';
import { ListFilters } from './list-filters';
import { OverallProgress } from './overall-progress';
import { describeGroup, RejectionSummary } from './rejection-summary';
import { ResumeBanner } from './resume-banner';
import { UploadAnnouncer } from './upload-announcer';

const NO_GROUPS: readonly RejectionGroup[] = [];

/** The closing summary as one sentence for the live region. */
function summarySentence(summary: SessionSummary, t: Translator): string {
  const parts = [
    summary.done > 0
      ? t.plural('summary.done', summary.done, {
          size: t.bytes(summary.doneBytes),
          duration: t.elapsed(summary.elapsedMs),
        })
      : t.t('summary.none'),
  ];
  if (summary.failed > 0) parts.push(t.plural('overall.failed', summary.failed));
  return parts.join(' ');
}

/**
 * Dropzone, totals, refusals by reason, the filtered file list and the live region around one
 * engine. Picks pass through the intake first (junk skipped, duplicates asked about).
 */
export function UploadPanel({
  createEngine,
  limitsId,
  closed,
  allowedTypes = [],
  pauseInBackground,
}: {
  /** Stable (useCallback); called once per mount. */
  createEngine(): UploadEngine;
  limitsId?: string;
  /** The link expired while the page was open: finished files stay listed, no new ones. */
  closed: boolean;
  /** The link's type rules (the camera is offered on phones only when photos may pass). */
  allowedTypes?: readonly string[];
  /** Pause while the page is hidden; by default on touch-first devices (phones, tablets). */
  pauseInBackground?: boolean;
}) {
  const { t } = useI18n();
  const { snapshot, commands, readNow, subscribeEvents } = useUploadEngine(createEngine);
  const touchFirst = useMediaQuery(TOUCH_FIRST);
  const intake = useIntake(commands.addFiles);
  const [filter, setFilter] = useState<ListFilter>(ALL_FILES);

  usePasteFiles(intake.take, !closed);
  useBackgroundPause(readNow, commands, pauseInBackground ?? touchFirst);

  // Everything here is derived from the snapshot once per render (the session paces renders
  // by the number of files); passes over all files are skipped while they cannot change the
  // answer: counts come from the engine's totals, groups only exist once something is refused.
  const { files, totals } = snapshot;
  const counts = countsOf(totals);
  const groups = useMemo(
    () => (totals.rejected > 0 ? groupRejections(files) : NO_GROUPS),
    [files, totals.rejected],
  );
  const shown = useMemo(() => filterFiles(files, filter), [files, filter]);
  const summary = useMemo(
    () => (totals.active > 0 ? null : summarizeSession(files)),
    [files, totals.active],
  );

  const narrowedTo =
    filter.group === undefined ? undefined : groups.find((group) => group.key === filter.group);
  const filterName =
    narrowedTo !== undefined ? describeGroup(narrowedTo, t) : t.t(`filter.${filter.kind}`);

  return (
    <div className="upload-panel">
      <Dropzone
        onFiles={intake.take}
        limitsId={limitsId}
        disabled={closed}
        showCamera={touchFirst && acceptsPhotos(allowedTypes)}
      />
      <IntakeNotices
        notice={intake.notice}
        dismissNotice={intake.dismissNotice}
        duplicates={intake.duplicates}
        addDuplicates={intake.addDuplicates}
        skipDuplicates={intake.skipDuplicates}
      />
      <ResumeBanner unfinished={snapshot.unfinished ?? []} onForget={commands.forgetUnfinished} />
      <OverallProgress snapshot={snapshot} summary={summary} commands={commands} />
      <RejectionSummary groups={groups} filter={filter} onShow={setFilter} />
      {files.length > 0 && (
        <div className="files">
          <ListFilters counts={counts} filter={filter} onChange={setFilter} />
          {filter.kind !== 'all' && (
            <p className="files__filter">
              <span>{t.t('list.labelFiltered', { filter: filterName })}</span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => setFilter(ALL_FILES)}
              >
                {t.t('filter.showAll')}
              </button>
            </p>
          )}
          {shown.length > 0 ? (
            <FileList
              files={shown}
              commands={commands}
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
      )}
      <UploadAnnouncer
        subscribeEvents={subscribeEvents}
        totals={totals}
        skipped={intake.skippedTotal}
        finished={summary ? summarySentence(summary, t) : null}
      />
    </div>
  );
}
