import { createHash, randomBytes } from 'node:crypto';
import type { ClosedSubmission, NotifyLanguage, NotifySubmission } from './closed-submission';

/**
 * One event, as every target receives it: the generic webhook's JSON body, verbatim. Chat
 * messages and emails are written from the same object, so all targets tell the same story.
 *
 * `submission.completed` fires when a submission has closed with its files verified; `test` is
 * what "Send a test event" and `npm run link -- notify-test` send (same shape, `submission`
 * null), so a receiver can be tried out without an upload.
 */
export type NotifyEventType = 'submission.completed' | 'test';

/** The webhook's `submission`: the fields exactly, times in ISO 8601. */
export interface EventSubmission extends Omit<
  NotifySubmission,
  'uploader' | 'startedAt' | 'closedAt'
> {
  uploader: Record<string, string>;
  startedAt: string;
  closedAt: string;
}

export interface NotifyEventBody {
  id: string;
  type: NotifyEventType;
  /** ISO 8601. */
  createdAt: string;
  link: { id: string; title: string };
  submission: EventSubmission | null;
}

/** The event with what the message writers need besides the body. */
export interface NotifyEvent {
  body: NotifyEventBody;
  language: NotifyLanguage;
  /** Where the owner looks at it: the submission (or the link) on /admin. */
  adminUrl: string;
}

/**
 * Event ids sort by time (a base-36 millisecond prefix), so a link's newest events are the last
 * names in a listing. A submission's id is derived from the submission, so telling the notifier
 * twice about the same close makes one event, not two.
 */
function eventId(atMs: number, seed: string): string {
  const time = Math.max(0, Math.floor(atMs)).toString(36).padStart(9, '0');
  const hash = createHash('sha256').update(seed, 'utf8').digest().subarray(0, 12);
  return `${time}-${hash.toString('base64url')}`;
}

export const EVENT_ID = /^[0-9a-z]{9}-[A-Za-z0-9_-]{16}$/;

function iso(value: string | number, fallbackMs: number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return new Date(Number.isFinite(ms) ? ms : fallbackMs).toISOString();
}

export function adminUrlOf(publicUrl: string, linkId: string, submissionId?: string): string {
  const params = new URLSearchParams({ link: linkId });
  if (submissionId) params.set('submission', submissionId);
  return `${publicUrl}/admin?${params.toString()}`;
}

export function submissionEvent(
  input: ClosedSubmission,
  publicUrl: string,
  nowMs: number,
  fallbackLanguage: NotifyLanguage,
): NotifyEvent {
  const { link, submission } = input;
  const closedMs =
    typeof submission.closedAt === 'number' ? submission.closedAt : Date.parse(submission.closedAt);
  const at = Number.isFinite(closedMs) ? closedMs : nowMs;
  // The id comes from the submission (the same close is one event); the event itself is
  // created now, which is also where its 24 hours of retries count from.
  const id = eventId(at, `submission.completed\n${link.id}\n${submission.id}`);
  return {
    body: {
      id,
      type: 'submission.completed',
      createdAt: new Date(nowMs).toISOString(),
      link: { id: link.id, title: link.title },
      submission: {
        id: submission.id,
        uploader: Object.fromEntries(
          Object.entries(submission.uploader).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        ),
        fields: { ...submission.fields },
        files: submission.files.map((f) => ({
          key: f.key,
          name: f.name,
          size: f.size,
          contentType: f.contentType,
          crc64: f.crc64,
        })),
        failed: submission.failed.map((f) => ({
          name: f.name,
          ...(f.key !== undefined ? { key: f.key } : {}),
          ...(f.size !== undefined ? { size: f.size } : {}),
          ...(f.contentType !== undefined ? { contentType: f.contentType } : {}),
          ...(f.reason !== undefined ? { reason: f.reason } : {}),
        })),
        totalBytes: submission.totalBytes,
        startedAt: iso(submission.startedAt, at),
        closedAt: iso(submission.closedAt, at),
        manifestKey: submission.manifestKey,
      },
    },
    language: link.language ?? fallbackLanguage,
    adminUrl: adminUrlOf(publicUrl, link.id, submission.id),
  };
}

export function testEvent(
  link: { id: string; title: string },
  language: NotifyLanguage,
  publicUrl: string,
  nowMs: number,
): NotifyEvent {
  const id = eventId(nowMs, `test\n${link.id}\n${randomBytes(16).toString('hex')}`);
  return {
    body: {
      id,
      type: 'test',
      createdAt: new Date(nowMs).toISOString(),
      link: { id: link.id, title: link.title },
      submission: null,
    },
    language,
    adminUrl: adminUrlOf(publicUrl, link.id),
  };
}
