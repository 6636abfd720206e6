/**
 * The folder part of a file's path as browsers give it: "./a.pdf" or "/a.pdf" for a loose
 * file, "/scans/2024/a.pdf" for an entry of a dropped folder (`fullPath`), "scans/2024/a.pdf"
 * from a directory picker (`webkitRelativePath`). Returns "scans/2024/" or "" — the form the
 * protocol's `relativePath` uses (folder only, no file name, no leading slash).
 */
export function folderOf(path: string | undefined): string {
  if (!path) return '';
  const trimmed = path.replace(/^\.?\/+/, '');
  const lastSlash = trimmed.lastIndexOf('/');
  return lastSlash > 0 ? trimmed.slice(0, lastSlash + 1) : '';
}
