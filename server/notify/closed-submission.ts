/**
 * What the notifier is told when a submission closes with its files verified: the port
 * `Notifier.onSubmissionClosed(input)`. The fields are the `link` and `submission` objects of
 * the `submission.completed` webhook body (docs/notifications.md), so a submission's manifest
 * can be passed as it is: anything else it carries (terms, user agent…) is not sent, and times
 * in ms become ISO 8601.
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
  crc64: string | null;
}

/** A file that was still failed when the submission closed: listed, never silently dropped. */
export interface NotifyFailedFile {
  name: string;
  key?: string;
  size?: number;
  contentType?: string;
  reason?: string;
}

export interface NotifySubmission {
  id: string;
  /** The uploader's details the link asked for (`name`, `email`, `organisation`, `phone`). */
  uploader: Record<string, string | undefined>;
  /** Custom fields by label. */
  fields: Record<string, string | number | boolean>;
  files: NotifyFile[];
  failed: NotifyFailedFile[];
  totalBytes: number;
  /** ISO 8601 or ms since the epoch; the webhook body always has ISO 8601. */
  startedAt: string | number;
  closedAt: string | number;
  /** Key of the submission's `manifest.json` in the bucket. */
  manifestKey: string;
}

export interface ClosedSubmission {
  link: NotifyLink;
  submission: NotifySubmission;
}
