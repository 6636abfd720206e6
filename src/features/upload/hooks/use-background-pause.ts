import { useEffect } from 'react';
import { canPause } from '../engine/state/file-actions';
import type { EngineSnapshot, FileEntry } from '../engine/types';
import type { EngineCommands } from './engine-session';

/** Work that is moving or about to move; a paused file stays as the person (or the network) left it. */
const isMoving = (entry: FileEntry) => entry.status !== 'paused' && canPause(entry);

/**
 * Phones suspend a page soon after it goes to the background, cutting its requests off
 * mid-body. Pausing first stops them cleanly (a multipart upload keeps the parts COS holds);
 * on return exactly those files continue. Files the person paused stay paused, files that
 * wait for the network keep waiting for it, and nothing happens after "Pause all".
 *
 * Desktop browsers keep background tabs uploading, so this is switched on for touch-first
 * devices only (see UploadPanel): a person who switches tabs on a laptop expects the upload
 * to go on.
 */
export function useBackgroundPause(
  readNow: () => EngineSnapshot,
  commands: Pick<EngineCommands, 'pause' | 'resume'>,
  enabled: boolean,
): void {
  useEffect(() => {
    if (!enabled) return;
    let pausedHere: string[] = [];

    const onVisibilityChange = () => {
      const snapshot = readNow();
      if (document.visibilityState === 'hidden') {
        if (snapshot.pausedAll) return;
        for (const entry of snapshot.files) {
          if (!isMoving(entry)) continue;
          commands.pause(entry.id);
          pausedHere.push(entry.id);
        }
        return;
      }
      const ids = new Set(pausedHere);
      pausedHere = [];
      // In the order they were added, so the queue keeps its order.
      for (const entry of snapshot.files) {
        if (ids.has(entry.id) && entry.status === 'paused') commands.resume(entry.id);
      }
    };

    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => document.removeEventListener('visibilitychange', onVisibilityChange);
  }, [readNow, commands, enabled]);
}
