import { z } from 'zod';
import type { FailedFile, FieldValue, SubmissionFile, Uploader } from '../../protocol/submissions';
import type { Listing, OpenRecord, PlannedFile } from './submission-store';
import { SenderRecordShape } from './submission-store';

/**
 * `manifest.json`: what a closed submission holds, written by the signer next to its files
 * (create-if-absent, once). It is the record the owner keeps and the body the notifications
 * send (`submission` is the webhook's `submission` object, docs/notifications.md): only files
 * verified in the bucket are in `files`; files signed but never verified are in `failed` with
 * the reason, never silently dropped. Times are ms since the epoch, like the API's.
 */
export interface SubmissionManifest {
  version: 1;
  link: { id: string; title: string };
  submission: {
    id: string;
    uploader: Uploader;
    fields: Record<string, FieldValue>;
    terms: { hash: string; acceptedAt: number } | null;
    files: SubmissionFile[];
    failed: FailedFile[];
    /** Bytes of `files`. */
    totalBytes: number;
    startedAt: number;
    closedAt: number;
    closedBy: 'finish' | 'idle';
    userAgent: string;
    /** This manifest's own object key. */
    manifestKey: string;
  };
}

/**
 * The port the notifications feature plugs into: called once a submission is closed and its
 * manifest is in the bucket. At least once per submission (after a crash between writing the
 * manifest and the hook finishing, the sweep calls it again): deduplicate by `submission.id`.
 * A throw is logged and retried by the sweep.
 */
export type OnSubmissionClosed = (manifest: SubmissionManifest) => Promise<void>;
export const noSubmissionHook: OnSubmissionClosed = async () => {};

const FileSchema = z.object({
  key: z.string(),
  name: z.string(),
  size: z.number().int(),
  contentType: z.string(),
  crc64: z.string().nullable(),
  verifiedAt: z.number().int(),
});

export const SubmissionManifestSchema = z.object({
  version: z.literal(1),
  link: z.object({ id: z.string(), title: z.string() }),
  submission: z.object({
    id: z.string(),
    ...SenderRecordShape,
    files: z.array(FileSchema),
    failed: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        size: z.number().int(),
        contentType: z.string(),
        reason: z.string(),
      }),
    ),
    totalBytes: z.number().int(),
    startedAt: z.number().int(),
    closedAt: z.number().int(),
    closedBy: z.enum(['finish', 'idle']),
    userAgent: z.string(),
    manifestKey: z.string(),
  }),
});

/**
 * `manifest.json` when the folder belongs to this submission alone (the template has
 * `{submission}`, as the default does); otherwise several submissions may share the folder
 * (`{date}/{email}/`), and each gets `manifest-<id>.json`. Uploaded files can never take
 * either name: every file key ends in `<random id>-<name>`.
 */
export function manifestKeyFor(folderPrefix: string, ownFolder: boolean, id: string): string {
  return `${folderPrefix}${ownFolder ? 'manifest.json' : `manifest-${id}.json`}`;
}

/** A manifest's key (the signer's own object, never an upload): see manifestKeyFor. */
export function isManifestKey(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name === 'manifest.json' || /^manifest-[A-Za-z0-9_-]+\.json$/.test(name);
}

export interface AssembledFiles {
  files: SubmissionFile[];
  failed: FailedFile[];
  /** Signed and not settled (neither verified, failed nor cancelled). */
  unsettled: PlannedFile[];
}

/**
 * The files of a submission from what was signed and what its listing says. A failure is left
 * out when the same file (same name with path, same size) was verified after all, under
 * another key; a file the uploader cancelled is left out of both lists.
 */
export function assembleFiles(planned: readonly PlannedFile[], l: Listing): AssembledFiles {
  const files: SubmissionFile[] = [];
  let failed: FailedFile[] = [];
  const unsettled: PlannedFile[] = [];
  const seen = new Set<string>();
  for (const p of planned) {
    if (seen.has(p.h)) continue;
    seen.add(p.h);
    const v = l.verified.get(p.h);
    if (v) {
      files.push({
        key: p.key,
        name: p.name,
        size: v.size,
        contentType: p.type,
        crc64: v.crc64,
        verifiedAt: v.at,
      });
      continue;
    }
    const f = l.failed.get(p.h);
    if (!f) unsettled.push(p);
    else if (f.reason !== 'cancelled') {
      failed.push({
        key: p.key,
        name: p.name,
        size: p.size,
        contentType: p.type,
        reason: f.reason,
      });
    }
  }
  const landed = new Set(files.map((f) => `${f.size}\n${f.name}`));
  failed = failed.filter((f) => !landed.has(`${f.size}\n${f.name}`));
  return { files, failed, unsettled };
}

export function buildManifest(
  link: { id: string; title: string },
  open: OpenRecord,
  closed: { closedAt: number; by: 'finish' | 'idle' },
  files: SubmissionFile[],
  failed: FailedFile[],
): SubmissionManifest {
  return {
    version: 1,
    link: { id: link.id, title: link.title },
    submission: {
      id: open.id,
      uploader: open.uploader,
      fields: open.fields,
      terms: open.terms,
      files,
      failed,
      totalBytes: files.reduce((n, f) => n + f.size, 0),
      startedAt: open.startedAt,
      closedAt: closed.closedAt,
      closedBy: closed.by,
      userAgent: open.userAgent,
      manifestKey: open.manifestKey,
    },
  };
}

/** The manifest's bytes: indented, so the owner can read it as it is. */
export function manifestBody(manifest: SubmissionManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
