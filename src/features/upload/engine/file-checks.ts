/**
 * The link's limits checked before anything is sent. Results, not exceptions (react-dropzone's
 * `{file, errors[]}`), so drop, paste and the file dialog all go through the same function.
 * The signer enforces the same limits; this only saves a round trip and explains early.
 */
import { decideFileType } from '../../../../protocol/file-types';
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
 * Whether the link takes this file's type, by the same rule the signer applies
 * (protocol/file-types.ts): the name's extension decides the type, and active types (HTML,
 * SVG, XML, JavaScript…) pass only a pattern that names them.
 */
export function isTypeAllowed(file: CheckableFile, allowedTypes: readonly string[]): boolean {
  return decideFileType(allowedTypes, file.name, file.type).ok;
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
      const decision = decideFileType(limits.allowedTypes, file.name, file.type);
      if (!decision.ok) {
        // `type` and `reason` let the row say what the file was judged to be, and why.
        errors.push({
          code: 'file-type-not-allowed',
          params: {
            allowed: limits.allowedTypes.join(', '),
            type: decision.type,
            reason: decision.reason,
          },
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
        errors.push({ code: 'quota-exceeded', params: { limit: limits.maxTotalBytes } });
      }
    }
    if (errors.length === 0) {
      count += 1;
      bytes += file.size;
    }
    return { file, errors };
  });
}
