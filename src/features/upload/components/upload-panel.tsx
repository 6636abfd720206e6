import type { UploadEngine } from '../engine/types';
import { useUploadEngine } from '../hooks/use-upload-engine';
import { Dropzone } from './dropzone';
import { FileList } from './file-list';
import { OverallProgress } from './overall-progress';
import { UploadAnnouncer } from './upload-announcer';

/** Dropzone, totals, the file list and the live region around one engine. */
export function UploadPanel({
  createEngine,
  limitsId,
  closed,
}: {
  /** Stable (useCallback); called once per mount. */
  createEngine(): UploadEngine;
  limitsId?: string;
  /** The link expired while the page was open: finished files stay listed, no new ones. */
  closed: boolean;
}) {
  const { snapshot, commands } = useUploadEngine(createEngine);
  return (
    <div className="upload-panel">
      <Dropzone onFiles={commands.addFiles} limitsId={limitsId} disabled={closed} />
      <OverallProgress snapshot={snapshot} commands={commands} />
      <FileList files={snapshot.files} commands={commands} />
      <UploadAnnouncer snapshot={snapshot} />
    </div>
  );
}
