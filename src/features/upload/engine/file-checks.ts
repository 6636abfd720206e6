/**
 * The link's limits checked before anything is sent. Results, not exceptions (react-dropzone's
 * `{file, errors[]}`), so drop, paste and the file dialog all go through the same function.
 * The signer enforces the same limits; this only saves a round trip and explains early.
 */
import type { LinkLimits } from '../../../../protocol/schemas';
import type { ServerErrorCode } from '../../../../protocol/error-codes';

export type FileCheckCode = Extract<
  ServerErrorCode,
  'file-too-large' | 'file-type-not-allowed' | 'too-many-files' | 'quota-exceeded'
>;

export interface FileCheckError {
  code: FileCheckCode;
  params: Record<string, string | number>;
}

export interface FileCheckResult<T> {
  file: T;
  errors: FileCheckError[];
}

/** What is already used: files/bytes accepted earlier in this session plus the link's usage. */
export interface FileCheckUsage {
  files: number;
  bytes: number;
}

interface CheckableFile {
  name: string;
  size: number;
  type: string;
}

/**
 * Does a file match one accept pattern? `.pdf` matches the name's extension, `image/*` the
 * MIME family, anything else the exact MIME type (all case-insensitive), as `<input accept>`.
 */
export function matchesType(file: CheckableFile, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === '' || p === '*' || p === '*/*') return true;
  if (p.startsWith('.')) return file.name.toLowerCase().endsWith(p);
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  if (type === '') return false;
  if (p.endsWith('/*')) return type.startsWith(p.slice(0, -1));
  return type === p;
}

export function isTypeAllowed(file: CheckableFile, allowedTypes: readonly string[]): boolean {
  return allowedTypes.length === 0 || allowedTypes.some((p) => matchesType(file, p));
}

/**
 * Checks files in order. Files beyond `maxFiles` (or the byte quota) are refused one by one,
 * so the first ones still go through: friendlier than refusing the whole drop.
 */
export function checkFiles<T extends CheckableFile>(
  files: readonly T[],
  limits: LinkLimits | null | undefined,
  used: FileCheckUsage = { files: 0, bytes: 0 },
): FileCheckResult<T>[] {
  let count = used.files;
  let bytes = used.bytes;
  return files.map((file) => {
    const errors: FileCheckError[] = [];
    if (limits) {
      if (limits.maxFileSize !== null && file.size > limits.maxFileSize) {
        errors.push({ code: 'file-too-large', params: { limit: limits.maxFileSize } });
      }
      if (!isTypeAllowed(file, limits.allowedTypes)) {
        errors.push({
          code: 'file-type-not-allowed',
          params: { allowed: limits.allowedTypes.join(', ') },
        });
      }
      if (errors.length === 0 && limits.maxFiles !== null && count + 1 > limits.maxFiles) {
        errors.push({ code: 'too-many-files', params: { limit: limits.maxFiles } });
      }
      if (
        errors.length === 0 &&
        limits.maxTotalBytes !== null &&
        bytes + file.size > limits.maxTotalBytes
      ) {
        // How much is left, not only the limit: "used up" is wrong while 39 kB remain.
        const remaining = Math.max(0, limits.maxTotalBytes - bytes);
        errors.push({ code: 'quota-exceeded', params: { limit: limits.maxTotalBytes, remaining } });
      }
    }
    if (errors.length === 0) {
      count += 1;
      bytes += file.size;
    }
    return { file, errors };
  });
}
