/** A file as the signer's `/uploads` call wants it described (protocol FileSpec). */
import type { FileSpec } from '../../../../../protocol/schemas';
import type { Job } from '../job';

/** Folder path as the protocol wants it: no leading `./` or `/`. */
export function normalizeFolder(path: string | undefined): string {
  return (path ?? '').replace(/^(\.\/|\/)+/, '');
}

export function specOf(job: Job): FileSpec {
  const spec: FileSpec = {
    clientId: job.id,
    name: (job.file.name || 'unnamed').slice(0, 4096),
    size: job.file.size,
    // A browser never reports more, but one absurd value must not sink a batch of 100.
    type: job.file.type.length <= 255 ? job.file.type : '',
  };
  if (job.relativePath) spec.relativePath = job.relativePath.slice(0, 4096);
  if (job.metadata) spec.metadata = { ...job.metadata };
  return spec;
}
