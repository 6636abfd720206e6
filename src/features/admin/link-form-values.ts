import type { CreateLinkRequest } from '../../../protocol/admin';
import { parseByteSize } from '../../../protocol/byte-size';

/**
 * The create form's fields (text, as typed) turned into a request. Sizes are in MB of 1000²
 * bytes, the unit every screen shows them in (protocol/byte-size.ts), unless the owner types
 * a unit ("500 kB", "2 GB", "1 GiB"); an empty field means "no limit". Returns the name of the
 * first field that is not a usable number instead of guessing.
 */
export interface LinkFormValues {
  title: string;
  message: string;
  days: string;
  maxFiles: string;
  maxFileSizeMb: string;
  maxTotalMb: string;
  types: string;
}

export const EMPTY_LINK_FORM: LinkFormValues = {
  title: '',
  message: '',
  days: '7',
  maxFiles: '',
  maxFileSizeMb: '',
  maxTotalMb: '',
  types: '',
};

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
  const size = (text: string, field: keyof LinkFormValues) => {
    if (text.trim() === '') return { ok: true as const, value: undefined };
    const value = parseByteSize(text, 'MB');
    return value === null ? { ok: false as const, field } : { ok: true as const, value };
  };
  const maxFileSize = size(values.maxFileSizeMb, 'maxFileSizeMb');
  const maxTotal = size(values.maxTotalMb, 'maxTotalMb');
  for (const r of [days, maxFiles, maxFileSize, maxTotal]) if (!r.ok) return r;
  const request: CreateLinkRequest = {};
  if (values.title.trim()) request.title = values.title.trim();
  if (values.message.trim()) request.message = values.message.trim();
  if (days.ok && days.value) request.expiresInSeconds = Math.round(days.value * 86_400);
  if (maxFiles.ok && maxFiles.value !== undefined) request.maxFiles = maxFiles.value;
  if (maxFileSize.ok && maxFileSize.value !== undefined) {
    request.maxFileSize = maxFileSize.value;
  }
  if (maxTotal.ok && maxTotal.value !== undefined) {
    request.maxTotalBytes = maxTotal.value;
  }
  const types = values.types
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (types.length) request.allowedTypes = types;
  return { ok: true, request };
}
