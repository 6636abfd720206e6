import type { CreateLinkRequest } from '../../../protocol/admin';

/**
 * The create form's fields (text, as typed) turned into a request. Sizes are in MB of 1024²
 * bytes, the unit the portal shows limits in; an empty field means "no limit". Returns the
 * name of the first field that is not a usable number instead of guessing.
 */
export interface LinkFormValues {
  title: string;
  message: string;
  days: string;
  maxFiles: string;
  maxFileSizeMb: string;
  maxTotalMb: string;
  types: string;
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
  notify: '',
};

/** What a notification target starts with; the server checks the rest (docs/notifications.md). */
const TARGET_START = /^(?:https?:\/\/|wecom:|dingtalk:|feishu:|slack:|mailto:)/i;

const MB = 1024 * 1024;

export function toCreateRequest(
  values: LinkFormValues,
): { ok: true; request: CreateLinkRequest } | { ok: false; field: keyof LinkFormValues } {
  const number = (text: string, field: keyof LinkFormValues, integer: boolean) => {
    const trimmed = text.trim();
    if (trimmed === '') return { ok: true as const, value: undefined };
    const value = Number(trimmed);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
      return { ok: false as const, field };
    }
    return { ok: true as const, value };
  };
  const days = number(values.days, 'days', false);
  const maxFiles = number(values.maxFiles, 'maxFiles', true);
  const maxFileSize = number(values.maxFileSizeMb, 'maxFileSizeMb', false);
  const maxTotal = number(values.maxTotalMb, 'maxTotalMb', false);
  for (const r of [days, maxFiles, maxFileSize, maxTotal]) if (!r.ok) return r;
  const request: CreateLinkRequest = {};
  if (values.title.trim()) request.title = values.title.trim();
  if (values.message.trim()) request.message = values.message.trim();
  if (days.ok && days.value) request.expiresInSeconds = Math.round(days.value * 86_400);
  if (maxFiles.ok && maxFiles.value !== undefined) request.maxFiles = maxFiles.value;
  if (maxFileSize.ok && maxFileSize.value !== undefined) {
    request.maxFileSize = Math.round(maxFileSize.value * MB);
  }
  if (maxTotal.ok && maxTotal.value !== undefined) {
    request.maxTotalBytes = Math.round(maxTotal.value * MB);
  }
  const types = values.types
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (types.length) request.allowedTypes = types;
  const notify = (values.notify ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (notify.some((line) => !TARGET_START.test(line))) return { ok: false, field: 'notify' };
  if (notify.length) request.notify = notify;
  return { ok: true, request };
}
