import type { CreateLinkRequest } from '../../../protocol/admin';
import { parseByteSize } from '../../../protocol/byte-size';
import type { LinkSettingIssue } from '../../../protocol/link-settings';
import { checkLinkSettings } from '../../../protocol/link-settings';

/**
 * The create form's fields (text, as typed) turned into a request. Sizes are in MB of 1000²
 * bytes, the unit every screen shows them in (protocol/byte-size.ts), unless the owner types
 * a unit ("500 kB", "2 GB", "1 GiB"); an empty field means "no limit". Anything wrong comes
 * back as issues (protocol/link-settings.ts), every field at once, the same the server would
 * name, so the page explains each beside its field before anything is sent.
 */
export interface LinkFormValues {
  title: string;
  message: string;
  days: string;
  maxFiles: string;
  maxFileSizeMb: string;
  maxTotalMb: string;
  types: string;
  embedOrigins: string;
  /** Notification targets, one per line (optional: forms made before it may leave it out). */
  notify?: string;
}

export const EMPTY_LINK_FORM: LinkFormValues = {
  title: '',
  message: '',
  days: '7',
  maxFiles: '',
  maxFileSizeMb: '',
  maxTotalMb: '',
  types: '',
  embedOrigins: '',
  notify: '',
};

/** The form field that shows an issue about a setting. */
export const FORM_FIELD_OF: Record<LinkSettingIssue['field'], keyof LinkFormValues> = {
  title: 'title',
  message: 'message',
  expires: 'days',
  maxFileSize: 'maxFileSizeMb',
  maxTotalBytes: 'maxTotalMb',
  maxFiles: 'maxFiles',
  allowedTypes: 'types',
  embedOrigins: 'embedOrigins',
  notify: 'notify',
};

/** What a notification target starts with; the server checks the rest (docs/notifications.md). */
const TARGET_START = /^(?:https?:\/\/|wecom:|dingtalk:|feishu:|slack:|mailto:)/i;

/** Entries of a list field: separated by commas (also "，"), spaces or new lines. */
const entries = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function toCreateRequest(
  values: LinkFormValues,
): { ok: true; request: CreateLinkRequest } | { ok: false; issues: LinkSettingIssue[] } {
  const issues: LinkSettingIssue[] = [];
  const request: CreateLinkRequest = {};
  if (values.title.trim()) request.title = values.title.trim();
  if (values.message.trim()) request.message = values.message.trim();

  const days = values.days.trim();
  if (days !== '') {
    const value = Number(days.replace(',', '.'));
    if (!Number.isFinite(value) || value < 0) {
      issues.push({ field: 'expires', problem: 'not-a-duration', value: days });
    } else {
      // 0 stays 0 (and is refused below), never "no expiry".
      request.expiresInSeconds = value === 0 ? 0 : Math.max(1, Math.round(value * 86_400));
    }
  }

  const maxFiles = values.maxFiles.trim();
  if (maxFiles !== '') {
    if (/^\d+$/.test(maxFiles)) request.maxFiles = Number(maxFiles);
    else issues.push({ field: 'maxFiles', problem: 'not-a-count', value: maxFiles });
  }

  for (const [text, field] of [
    [values.maxFileSizeMb, 'maxFileSize'],
    [values.maxTotalMb, 'maxTotalBytes'],
  ] as const) {
    if (text.trim() === '') continue;
    const bytes = parseByteSize(text, 'MB');
    if (bytes === null) issues.push({ field, problem: 'not-a-size', value: text.trim() });
    else request[field] = bytes;
  }

  const types = entries(values.types);
  if (types.length) request.allowedTypes = types;
  const origins = entries(values.embedOrigins);
  if (origins.length) request.embedOrigins = origins;
  const notify = (values.notify ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const line of notify) {
    if (!TARGET_START.test(line))
      issues.push({ field: 'notify', problem: 'notify-target', value: line });
  }
  if (notify.length) request.notify = notify;

  issues.push(...checkLinkSettings(request));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, request };
}
