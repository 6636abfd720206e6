/**
 * The host's commands (docs/embedding.md §5), obeyed with the attached engine: metadata for
 * the files added from now on, reset, pause-all and resume-all. Only commands the origin gate
 * let through (from the verified parent, for this instance) get here.
 */
import type { FileMetadata } from '../../../protocol/schemas';
import type { EmbeddableEngine } from './create-embed-bridge';
import type { ParentCommand, PortalEventBody } from './embed-origin-gate';
import { metadataFromHost } from './metadata-from-host';

export interface EmbedCommands {
  obey(command: ParentCommand): void;
  /** The pairs for files added now (the last accepted `set-metadata`). */
  metadata(): FileMetadata | undefined;
}

/** Cancel what can be cancelled (failed files too), then empty the list and lift a pause. */
function reset(target: EmbeddableEngine) {
  target.cancelAll();
  for (const entry of target.getSnapshot().files) {
    if (entry.status === 'failed') target.cancel(entry.id);
  }
  target.clearFinished();
  target.resumeAll();
}

export function createEmbedCommands(deps: {
  post(event: PortalEventBody): void;
  engine(): EmbeddableEngine | null;
}): EmbedCommands {
  let metadata: FileMetadata | undefined;
  const refuse = (command: string, code: 'invalid-request' | 'not-ready', message: string) =>
    deps.post({ type: 'command-rejected', command, code, message });

  return {
    metadata: () => metadata,
    obey(command) {
      switch (command.type) {
        case 'set-metadata': {
          const result = metadataFromHost(command.metadata);
          if (!result.ok) return refuse('set-metadata', 'invalid-request', result.message);
          metadata = Object.keys(result.metadata).length > 0 ? result.metadata : undefined;
          deps.post({ type: 'metadata-set', metadata: { ...result.metadata } });
          return;
        }
        case 'reset':
        case 'pause-all':
        case 'resume-all': {
          const engine = deps.engine();
          if (!engine) return refuse(command.type, 'not-ready', 'the upload box is not ready yet');
          if (command.type === 'pause-all') engine.pauseAll();
          else if (command.type === 'resume-all') engine.resumeAll();
          else reset(engine);
          return;
        }
        default:
          refuse(command.type.slice(0, 64), 'invalid-request', 'unknown command');
      }
    },
  };
}
