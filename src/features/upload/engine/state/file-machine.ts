/**
 * The life of one file, as one pure function: `transition(stage, event)` gives the next stage
 * and the effects to carry out (start a run, stop it, queue the file for signing, abort its
 * upload on the server…), or IGNORED when the event means nothing in that stage.
 *
 * A stage is what the engine needs to know; the status (what the row shows, `data-status`) is
 * a function of it, so the two cannot disagree. The runner (../file-runner.ts) is the only
 * caller: it stores the new stage and carries out the effects. docs/architecture.md draws it.
 */
import { isLinkClosedCode } from '../../../../../protocol/error-codes';
import type { FileStatus, UploadError } from '../types';

export type FileStage =
  /** queued: waiting for its turn to be signed (or for the network, or pause-all to end) */
  | 'to-sign'
  /** queued: signed; its run waits for a request slot */
  | 'to-send'
  /** signing: in a signing call for new files, or in the check for an earlier page's upload */
  | 'planning'
  /** signing: its run asks for a new plan (the upload vanished, or COS held the wrong bytes) */
  | 'replanning'
  /** uploading: bytes are moving */
  | 'sending'
  /** paused: waiting for the network; it goes on by itself when the connection returns */
  | 'offline'
  /** paused: by the person (or pause-all); nothing runs */
  | 'held'
  /** paused: by the person while its signing call is out; the plan that comes back is kept */
  | 'held-planning'
  | 'verifying'
  | 'done'
  | 'failed'
  | 'cancelled'
  | 'rejected'
  /**
   * failed: stopped by the link's end (revoked, expired) before its upload could finish;
   * nothing can be signed for it any more, so no Retry: its error is the link's code.
   */
  | 'closed';

export const STATUS_OF_STAGE: Readonly<Record<FileStage, FileStatus>> = {
  'to-sign': 'queued',
  'to-send': 'queued',
  planning: 'signing',
  replanning: 'signing',
  sending: 'uploading',
  offline: 'paused',
  held: 'paused',
  'held-planning': 'paused',
  verifying: 'verifying',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  rejected: 'rejected',
  closed: 'failed',
};

export const FILE_STAGES = Object.keys(STATUS_OF_STAGE) as FileStage[];

/** What to keep of the earlier plan when a file is retried (the command decides from its data). */
export type RetryKeep = 'none' | 'single' | 'parts';

export type FileEvent =
  // The person's commands.
  | { type: 'pause' }
  /** `planned`: the file holds a plan (its run can start at once). */
  | { type: 'resume'; planned: boolean }
  | { type: 'cancel' }
  /** `rehash`: its bytes may have changed, compute the CRC-64 again. */
  | { type: 'retry'; keep: RetryKeep; rehash: boolean }
  // Planning (../planning, ../resume).
  | { type: 'plan-started' }
  | { type: 'planned' }
  /** The check found no earlier upload to continue: sign it as a new one. */
  | { type: 'not-resumable'; urgent: boolean }
  /** The signer refused it: `reject` for a limit (never sent), else a failure. */
  | { type: 'refused'; error: UploadError; reject: boolean }
  // Its run (../transfer).
  | { type: 'run-waiting' }
  | { type: 'run-signing' }
  | { type: 'run-sending' }
  | { type: 'run-offline' }
  | { type: 'run-verifying' }
  | { type: 'verified'; key: string; etag: string; crc64: string | null }
  /** `bytesSent`: what stays shown (parts COS holds, which a Retry keeps). */
  | { type: 'failed'; error: UploadError; bytesSent: number }
  | { type: 'hash-failed'; error: UploadError; bytesSent: number }
  // The link (../link-closing.ts).
  /** The link is over: files not under way stop; runs go on (what was signed may land). */
  | { type: 'link-closed'; error: UploadError };

export type FileEventType = FileEvent['type'];

type RunReport = Extract<FileEventType, `run-${string}`>;

export type Effect =
  | { type: 'start-run' }
  | { type: 'stop-run'; reason: 'pause' | 'cancel' }
  /** Queue for signing (after the check for an earlier page's upload, where one applies). */
  | { type: 'sign'; urgent: boolean }
  /**
   * Give up its upload on the server: a multipart upload with its plan; a single PUT's ticket
   * (its plan kept for Retry), so a submission leaves the file out instead of listing it failed.
   */
  | { type: 'abort-upload' }
  | { type: 'forget-resume' }
  /** Forget the remembered upload only if the failure means it cannot be continued. */
  | { type: 'forget-resume-if-gone'; error: UploadError }
  | { type: 'stop-hash' }
  | { type: 'uncount' }
  /** Show only what COS holds: bytes of a request that was stopped go back. */
  | { type: 'rollback-progress' }
  | { type: 'prepare-retry'; keep: RetryKeep; rehash: boolean };

export interface Transition {
  stage: FileStage;
  effects: readonly Effect[];
}

/** The event does not apply in this stage: nothing changes. */
export const IGNORED = null;

type Result = Transition | typeof IGNORED;

const to = (stage: FileStage, ...effects: Effect[]): Transition => ({ stage, effects });

/** A run (../transfer/run-file.ts) is alive in these stages. */
const RUNNING: ReadonlySet<FileStage> = new Set<FileStage>([
  'to-send',
  'replanning',
  'sending',
  'offline',
  'verifying',
]);

const PLANNING: ReadonlySet<FileStage> = new Set<FileStage>(['planning', 'held-planning']);

/**
 * Stages that are being signed or sending bytes: what "signing just in time" counts against
 * (../planning/planner.ts). Verifying files are out: their bytes are up.
 */
export const IN_PIPELINE: ReadonlySet<FileStage> = new Set<FileStage>([
  'planning',
  'held-planning',
  'to-send',
  'replanning',
  'sending',
  'offline',
]);

/** `verifying` is not cancellable: the bytes are stored and the signer is already deciding. */
const CANCELLABLE: ReadonlySet<FileStage> = new Set<FileStage>([
  ...IN_PIPELINE,
  'to-sign',
  'held',
  'failed',
]);

/** A file that cannot be read fails, unless it is verifying (its run gets the failure). */
const HASH_FAILS: ReadonlySet<FileStage> = new Set<FileStage>([
  'to-sign',
  'planning',
  'held-planning',
  'held',
  'to-send',
  'replanning',
  'sending',
  'offline',
]);

/**
 * Stages a closed link stops: nothing of theirs is under way, and going on would need a
 * signature the signer no longer gives (or, failed, a Retry that would).
 */
const STOPPED_BY_CLOSED_LINK: ReadonlySet<FileStage> = new Set<FileStage>([
  'to-sign',
  'planning',
  'held-planning',
  'held',
  'failed',
]);

/**
 * Stopped by the closed link: only unsent work is given up. Its multipart upload is aborted
 * (its remaining parts can never be signed, so it could never be completed) and forgotten.
 */
function close(): Transition {
  return to(
    'closed',
    { type: 'stop-run', reason: 'cancel' },
    { type: 'stop-hash' },
    { type: 'abort-upload' },
    { type: 'forget-resume' },
  );
}

function fail(error: UploadError): Transition {
  // A run or a signing call that met the closed link itself.
  if (isLinkClosedCode(error.code)) return close();
  return to(
    'failed',
    { type: 'stop-run', reason: 'cancel' },
    { type: 'forget-resume-if-gone', error },
  );
}

function pause(stage: FileStage): Result {
  const rollback: Effect = { type: 'rollback-progress' };
  if (stage === 'to-sign') return to('held', rollback);
  if (stage === 'planning') return to('held-planning', rollback);
  if (RUNNING.has(stage) && stage !== 'verifying') {
    return to('held', { type: 'stop-run', reason: 'pause' }, rollback);
  }
  return IGNORED;
}

/**
 * A run reports where it is: the stage each report moves the file to, and the stages of a live
 * run it may move it from (anything else means the run is not the file's any more).
 */
const RUN_MOVES: Record<RunReport, [FileStage, readonly FileStage[]]> = {
  'run-waiting': ['to-send', ['replanning', 'sending', 'offline', 'verifying']],
  'run-signing': ['replanning', ['to-send', 'sending', 'offline', 'verifying']],
  'run-sending': ['sending', ['to-send', 'replanning', 'offline']],
  'run-offline': ['offline', ['to-send', 'replanning', 'sending']],
  'run-verifying': ['verifying', ['to-send', 'replanning', 'sending', 'offline']],
};

export function transition(stage: FileStage, event: FileEvent): Result {
  switch (event.type) {
    case 'pause':
      return pause(stage);
    case 'resume':
      if (stage === 'held-planning') return to('planning');
      if (stage !== 'held') return IGNORED;
      return event.planned
        ? to('to-send', { type: 'start-run' })
        : to('to-sign', { type: 'sign', urgent: true });
    case 'cancel':
      if (!CANCELLABLE.has(stage)) return IGNORED;
      return to(
        'cancelled',
        { type: 'stop-run', reason: 'cancel' },
        { type: 'stop-hash' },
        { type: 'uncount' },
        { type: 'abort-upload' },
        { type: 'forget-resume' },
      );
    case 'retry': {
      if (stage !== 'failed' && stage !== 'cancelled') return IGNORED;
      const prepare: Effect = { type: 'prepare-retry', keep: event.keep, rehash: event.rehash };
      return event.keep === 'none'
        ? to('to-sign', prepare, { type: 'sign', urgent: true })
        : to('to-send', prepare, { type: 'start-run' });
    }
    case 'plan-started':
      return stage === 'to-sign' ? to('planning') : IGNORED;
    case 'planned':
      if (stage === 'planning') return to('to-send', { type: 'start-run' });
      return stage === 'held-planning' ? to('held') : IGNORED;
    case 'not-resumable':
      if (stage === 'planning') return to('to-sign', { type: 'sign', urgent: event.urgent });
      return stage === 'held-planning' ? to('held') : IGNORED;
    case 'refused':
      if (!PLANNING.has(stage)) return IGNORED;
      return event.reject
        ? to('rejected', { type: 'stop-hash' }, { type: 'uncount' })
        : fail(event.error);
    case 'run-waiting':
    case 'run-signing':
    case 'run-sending':
    case 'run-offline':
    case 'run-verifying': {
      const [next, from] = RUN_MOVES[event.type];
      return from.includes(stage) ? to(next) : IGNORED;
    }
    case 'verified':
      // From a planning stage: an earlier page's upload turned out complete (../resume).
      if (stage === 'verifying') return to('done', { type: 'forget-resume' });
      return PLANNING.has(stage) ? to('done') : IGNORED;
    case 'failed':
      return RUNNING.has(stage) ? fail(event.error) : IGNORED;
    case 'hash-failed':
      return HASH_FAILS.has(stage) ? fail(event.error) : IGNORED;
    case 'link-closed':
      return STOPPED_BY_CLOSED_LINK.has(stage) ? close() : IGNORED;
  }
}

/** Would `event` change a file in `stage`? */
export function accepts(stage: FileStage, event: FileEvent): boolean {
  return transition(stage, event) !== IGNORED;
}
