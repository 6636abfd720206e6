/**
 * What a person may do with a file, asked of the state machine itself (file-machine.ts), so
 * the buttons on a row and the commands the engine obeys follow one rule set.
 */
import { accepts, type FileStage } from './file-machine';

interface Staged {
  stage: FileStage;
}

export const canPause = (file: Staged): boolean => accepts(file.stage, { type: 'pause' });

export const canResume = (file: Staged): boolean =>
  accepts(file.stage, { type: 'resume', planned: false });

export const canCancel = (file: Staged): boolean => accepts(file.stage, { type: 'cancel' });

export const canRetry = (file: Staged): boolean =>
  accepts(file.stage, { type: 'retry', keep: 'none', rehash: false });
