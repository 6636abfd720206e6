/**
 * What the notifier is told when a submission closes with its files verified: the port
 * `Notifier.onSubmissionClosed(input)`. The fields are exactly the `link` and `submission`
 * objects of the `submission.completed` webhook body (docs/notifications.md), so the
 * submission's manifest maps onto it field for field and receivers see what the manifest says.
 */
export type NotifyLanguage = 'en' | 'zh-CN';

export const NOTIFY_LANGUAGES: readonly NotifyLanguage[] = ['en', 'zh-CN'];

export interface NotifyLink {
  id: string;
  title: string;
  /** Language of the messages people read (chat, email); the link's own, else English. */
  language?: NotifyLanguage;
}

export interface NotifyFile {
  /** Object key in the bucket. */
  key: string;
  /** Original name, with the folder path the uploader sent. */
  name: string;
  size: number;
  contentType: string;
  /** CRC-64/ECMA as COS reports it (`x-cos-hash-crc64ecma`, decimal). */
  crc64: string;
}

/** A file that was still failed when the submission closed: listed, never silently dropped. */
export interface NotifyFailedFile {
  name: string;
  size?: number;
  reason?: string;
}

export interface NotifySubmission {
  id: string;
  /** The uploader's details the link asked for (`name`, `email`, `organisation`, `phone`). */
  uploader: Record<string, string>;
  /** Custom fields by label. */
  fields: Record<string, string | number | boolean>;
  files: NotifyFile[];
  failed: NotifyFailedFile[];
  totalBytes: number;
  /** ISO 8601 times. */
  startedAt: string;
  closedAt: string;
  /** Key of the submission's `manifest.json` in the bucket. */
  manifestKey: string;
}

export interface ClosedSubmission {
  link: NotifyLink;
  submission: NotifySubmission;
}
