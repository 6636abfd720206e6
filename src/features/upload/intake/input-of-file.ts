import type { FileInput } from '../engine/types';
import { folderOf } from './folder-of';

/**
 * A file picked by itself or through a directory picker: the picker's `webkitRelativePath`
 * ("scans/2024/a.pdf") gives its folder; a loose file has none.
 */
export function inputOfFile(file: File): FileInput {
  return { file, relativePath: folderOf(file.webkitRelativePath) };
}
