/**
 * What a person may do with a file, asked of the state machine itself (file-machine.ts), so
 * the buttons on a row and the commands the engine obeys follow one rule set.
 *
 * `linkClosed`: the link is over (`snapshot.linkClosed`). Nothing can be signed any more, so
 * pausing, resuming or retrying could only strand a file: only cancelling what still runs is
 * left (files that were not under way are already stopped, stage `closed`).
 */
import { accepts, type FileStage } from './file-machine';

interface Staged {
  stage: FileStage;
}

export const canPause = (file: Staged, linkClosed = false): boolean =>
  !linkClosed && accepts(file.stage, { type: 'pause' });

export const canResume = (file: Staged, linkClosed = false): boolean =>
  !linkClosed && accepts(file.stage, { type: 'resume', planned: false });

export const canCancel = (file: Staged, _linkClosed = false): boolean =>
  accepts(file.stage, { type: 'cancel' });

export const canRetry = (file: Staged, linkClosed = false): boolean =>
  !linkClosed && accepts(file.stage, { type: 'retry', keep: 'none', rehash: false });
