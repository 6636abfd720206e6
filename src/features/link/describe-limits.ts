import type { LinkLimits } from '../../../protocol/schemas';
import type { Translator } from '../../i18n/create-translator';

const FAMILY_WORDS = {
  'image/*': 'link.type.image',
  'video/*': 'link.type.video',
  'audio/*': 'link.type.audio',
  'text/*': 'link.type.text',
  'application/pdf': 'link.type.pdf',
  '.pdf': 'link.type.pdf',
} as const;

/** One allowed-type pattern in words: families by name, formats by their short name. */
function describeType(pattern: string, t: Translator): string {
  const normalised = pattern.trim().toLowerCase();
  if (Object.hasOwn(FAMILY_WORDS, normalised)) {
    return t.t(FAMILY_WORDS[normalised as keyof typeof FAMILY_WORDS]);
  }
  if (normalised.startsWith('.')) return normalised.slice(1).toUpperCase();
  // `image/png` → PNG, `application/zip` → ZIP; long vendor types stay as written.
  const subtype = /^[a-z]+\/([a-z0-9]{1,8})$/.exec(normalised)?.[1];
  return subtype ? subtype.toUpperCase() : pattern;
}

export function describeTypes(allowedTypes: readonly string[], t: Translator): string {
  const words = [...new Set(allowedTypes.map((pattern) => describeType(pattern, t)))];
  return t.list(words, 'disjunction');
}

/** "Up to 20 files, 2 GB each, PDF or images" in the reader's language. */
export function describeLimits(limits: LinkLimits, t: Translator): string {
  const parts: string[] = [];
  if (limits.maxFiles !== null) parts.push(t.plural('link.limits.files', limits.maxFiles));
  if (limits.maxFileSize !== null) {
    parts.push(t.t('link.limits.fileSize', { size: t.bytes(limits.maxFileSize) }));
  }
  if (limits.maxTotalBytes !== null) {
    parts.push(t.t('link.limits.totalSize', { size: t.bytes(limits.maxTotalBytes) }));
  }
  if (limits.allowedTypes.length > 0) {
    parts.push(t.t('link.limits.types', { types: describeTypes(limits.allowedTypes, t) }));
  }
  return parts.length > 0 ? parts.join(t.t('list.separator')) : t.t('link.limits.none');
}
