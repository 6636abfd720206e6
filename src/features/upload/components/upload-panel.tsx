import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LinkClosedCode } from '../../../../protocol/error-codes';
import type { LinkLimits } from '../../../../protocol/schemas';
import { composeParts } from '../../../i18n/compose-parts';
import { useI18n } from '../../../i18n/use-i18n';
import type { UploadEngine } from '../engine/types';
import { useBackgroundPause } from '../hooks/use-background-pause';
import { useIntake } from '../hooks/use-intake';
import { REDUCED_MOTION, SMALL_SCREEN, TOUCH_FIRST, useMediaQuery } from '../hooks/use-media-query';
import { usePasteFiles } from '../hooks/use-paste-files';
import { useRevealProgress } from '../hooks/use-reveal-progress';
import { useUploadEngine } from '../hooks/use-upload-engine';
import type { PickedFiles } from '../intake/read-dropped-files';
import { acceptsPhotos } from '../intake/accepts-photos';
import { groupRejections, type RejectionGroup } from '../intake/group-rejections';
import { ALL_FILES, type ListFilter } from '../intake/list-filter';
import { roomLeft } from '../intake/room-left';
import { summarizeSession } from '../intake/session-summary';
import { Dropzone } from './dropzone';
import { FilesSection } from './files-section';
import { IntakeNotices } from './intake-notices';
import { LinkFull } from './link-full';
import { OverallProgress } from './overall-progress';
import { RejectionSummary } from './rejection-summary';
import { ResumeBanner } from './resume-banner';
import { summarySentence } from './summary-sentence';
import { UploadAnnouncer } from './upload-announcer';

const NO_GROUPS: readonly RejectionGroup[] = [];
const NO_USAGE = { files: 0, bytes: 0 };
const ROOM_ID = 'link-room-left';

/**
 * Dropzone, totals, refusals by reason, the filtered file list and the live region around one
 * engine. Picks pass through the intake first (junk skipped, duplicates asked about).
 */
export function UploadPanel({
  createEngine,
  limitsId,
  closed,
  onLinkClosed,
  limits = null,
  held = false,
  pauseInBackground,
}: {
  /** Stable (useCallback); called once per mount. */
  createEngine(): UploadEngine;
  limitsId?: string;
  /**
   * The page learnt that the link is over (its expiry passed, or the link info said so). The
   * engine is told, and the panel locks as when the engine meets it itself.
   */
  closed: LinkClosedCode | null;
  /** The engine met a closed link (any signer call): the page around says so. */
  onLinkClosed?(code: LinkClosedCode): void;
  /**
   * The link's limits: how much room is left (a full link says so instead of a dropzone), and
   * the camera is offered on phones only when photos may pass.
   */
  limits?: LinkLimits | null;
  /** A question of the submission stands before the dropzone: nothing is taken, not even a paste. */
  held?: boolean;
  /** Pause while the page is hidden; by default on touch-first devices (phones, tablets). */
  pauseInBackground?: boolean;
}) {
  const { t } = useI18n();
  const { snapshot, commands, readNow, subscribeEvents } = useUploadEngine(createEngine);
  const touchFirst = useMediaQuery(TOUCH_FIRST);
  const intake = useIntake(commands.addFiles);
  const [filter, setFilter] = useState<ListFilter>(ALL_FILES);
  const smallScreen = useMediaQuery(SMALL_SCREEN);
  const reducedMotion = useMediaQuery(REDUCED_MOTION);
  const { targetRef: progressRef, request: requestReveal } = useRevealProgress(
    snapshot.totals.files,
    { enabled: smallScreen, reducedMotion },
  );
  const { take: intakeTake } = intake;
  const take = useCallback(
    (picked: PickedFiles) => {
      requestReveal();
      intakeTake(picked);
    },
    [requestReveal, intakeTake],
  );

  // Locked: no way to add files, nothing to pause, resume or retry; the list stays, and files
  // already sending may still land (or be cancelled).
  const linkClosed = snapshot.linkClosed ?? null;
  const locked = linkClosed !== null || closed !== null;
  useEffect(() => {
    // Also tells an engine made afresh after the page locked (a remount).
    if (closed !== null && linkClosed === null) commands.closeLink(closed);
  }, [closed, linkClosed, commands]);
  useEffect(() => {
    if (linkClosed !== null) onLinkClosed?.(linkClosed);
  }, [linkClosed, onLinkClosed]);

  // Nothing more fits: said before anyone drops, in place of the dropzone.
  const usage = snapshot.usage ?? NO_USAGE;
  const room = roomLeft(limits, usage);
  const full = !locked && room.full !== null && limits ? room.full : null;
  const roomParts: string[] = [];
  if (room.files !== null) roomParts.push(t.plural('count.files', room.files));
  if (room.bytes !== null) roomParts.push(t.bytes(room.bytes));
  const showRoom = !locked && full === null && usage.files > 0 && roomParts.length > 0;

  usePasteFiles(take, !locked && !held && full === null);
  useBackgroundPause(readNow, commands, pauseInBackground ?? touchFirst);

  // Everything here is derived from the snapshot once per render (the session paces renders
  // by the number of files); passes over all files are skipped while they cannot change the
  // answer: counts come from the engine's totals, groups only exist once something is refused.
  const { files, totals } = snapshot;
  const groups = useMemo(
    () => (totals.rejected > 0 ? groupRejections(files) : NO_GROUPS),
    [files, totals.rejected],
  );
  const summary = useMemo(
    () => (totals.active > 0 ? null : summarizeSession(files)),
    [files, totals.active],
  );

  return (
    <div className="upload-panel">
      {full !== null && limits && <LinkFull full={full} limits={limits} />}
      {!locked && full === null && (
        <Dropzone
          onFiles={take}
          // The room left is part of what the dropzone takes: read out with the limits.
          limitsId={[limitsId, showRoom ? ROOM_ID : undefined].filter(Boolean).join(' ')}
          showCamera={touchFirst && acceptsPhotos(limits?.allowedTypes ?? [])}
          keyboardHint={!touchFirst}
        />
      )}
      {showRoom && (
        <p id={ROOM_ID} className="room-left muted" data-testid="room-left">
          {t.t('link.roomLeft', { room: composeParts(roomParts, t.locale) })}
        </p>
      )}
      <IntakeNotices
        notice={intake.notice}
        dismissNotice={intake.dismissNotice}
        duplicates={locked ? null : intake.duplicates}
        addDuplicates={intake.addDuplicates}
        skipDuplicates={intake.skipDuplicates}
      />
      {!locked && (
        <ResumeBanner unfinished={snapshot.unfinished ?? []} onForget={commands.forgetUnfinished} />
      )}
      <OverallProgress
        ref={progressRef}
        snapshot={snapshot}
        summary={summary}
        commands={commands}
        locked={locked}
      />
      <RejectionSummary groups={groups} filter={filter} onShow={setFilter} />
      <FilesSection
        files={files}
        totals={totals}
        groups={groups}
        filter={filter}
        onFilter={setFilter}
        commands={commands}
        locked={locked}
      />
      <UploadAnnouncer
        subscribeEvents={subscribeEvents}
        totals={totals}
        skipped={intake.skippedTotal}
        finished={summary ? summarySentence(summary, t) : null}
      />
    </div>
  );
}
