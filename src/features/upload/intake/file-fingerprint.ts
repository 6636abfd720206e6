import type { FileInput } from '../engine/types';

/**
 * What makes two picks "the same file" for the duplicate question: name, size, modification
 * time and the folder it came from. Contents are not read (hashing 10,000 files to answer a
 * question would take far longer than the question is worth); a file edited in between has a
 * new modification time and is not a duplicate.
 */
export function fingerprintOf({ file, relativePath = '' }: FileInput): string {
  return `${relativePath}\u0000${file.name}\u0000${file.size}\u0000${file.lastModified}`;
}
