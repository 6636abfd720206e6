import type {
  AdminSubmission,
  AdminSubmissionDetail,
  SubmissionReceipt,
} from '../../protocol/submissions';
import type { CosClient } from '../cos/cos-client';
import type { SubmissionService } from './submission-service';
import type { Listing, OpenRecord } from './submission-store';

/**
 * The owner's view of a link's submissions (admin API, `npm run link -- submissions`): one
 * listing of the link's submission state, then each submission's record and, once closed, its
 * manifest. Downloads are pre-signed GETs that live a few minutes and always download
 * (`response-content-disposition: attachment`), never render: files from strangers are opened
 * by the owner's programs, not by the browser on some origin.
 */
export const DOWNLOAD_TTL_SECONDS = 300;
const CONCURRENCY = 8;

export interface SubmissionEntry {
  open: OpenRecord;
  receipt: SubmissionReceipt;
  manifestKey: string | null;
}

/** Every submission of a link with its receipt, newest first. */
export async function linkSubmissions(
  service: SubmissionService,
  linkId: string,
): Promise<SubmissionEntry[]> {
  const listings = [...(await service.store.listLink(linkId)).entries()].filter(
    ([, l]) => l.hasOpen,
  );
  const out: Array<SubmissionEntry | null> = new Array(listings.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < listings.length) {
      const i = next++;
      const [id, listing] = listings[i]! as [string, Listing];
      const open = await service.store.readOpen(linkId, id);
      if (!open) continue;
      const { receipt, manifestKey } = await service.describe(open, listing);
      out[i] = { open, receipt, manifestKey };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, listings.length) }, worker));
  return out
    .filter((e): e is SubmissionEntry => e !== null)
    .sort((a, b) => b.open.startedAt - a.open.startedAt || (a.open.id < b.open.id ? -1 : 1));
}

export function summaryOf(e: SubmissionEntry): AdminSubmission {
  const r = e.receipt;
  return {
    id: r.id,
    state: r.state,
    startedAt: r.startedAt,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
    uploader: r.uploader,
    fields: r.fields,
    files: r.files.length,
    failed: r.failed.length,
    inFlight: r.inFlight,
    totalBytes: r.totalBytes,
    manifestKey: e.manifestKey,
  };
}

/** `attachment` with a plain-ASCII fallback name and the real one in RFC 5987 form. */
export function attachmentDisposition(name: string): string {
  const base = name.split('/').pop() || 'file';
  const ascii = base.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(base).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function submissionDetail(
  service: SubmissionService,
  cos: CosClient,
  linkId: string,
  id: string,
): Promise<AdminSubmissionDetail | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  const open = await service.store.readOpen(linkId, id);
  if (!open) return null;
  const { receipt, manifestKey } = await service.describe(open);
  return {
    ...receipt,
    manifestKey,
    userAgent: open.userAgent,
    files: receipt.files.map((f) => {
      const signed = cos.presignGet(f.key, {
        expiresSeconds: DOWNLOAD_TTL_SECONDS,
        query: { 'response-content-disposition': attachmentDisposition(f.name) },
      });
      return { ...f, download: { url: signed.url, expiresAt: signed.expiresAt } };
    }),
  };
}
