/**
 * Files an operating system leaves in folders for itself: Finder's view settings, Explorer's
 * thumbnail caches and folder settings, the "._" AppleDouble twins macOS writes on non-Apple
 * disks, and the folders macOS keeps at the root of a volume or puts into zip archives.
 * Nobody sends them on purpose, and uploading them only clutters the owner's bucket.
 */
const JUNK_NAMES: ReadonlySet<string> = new Set([
  '.ds_store',
  'thumbs.db',
  'ehthumbs.db',
  'ehthumbs_vista.db',
  'desktop.ini',
  '.localized',
]);

const JUNK_FOLDERS: ReadonlySet<string> = new Set([
  '__macosx',
  '.spotlight-v100',
  '.trashes',
  '.fseventsd',
  '.temporaryitems',
]);

/** `relativePath` is the folder part ("photos/2024/"), '' for a loose file. */
export function isOsJunk(name: string, relativePath = ''): boolean {
  const lower = name.toLowerCase();
  if (JUNK_NAMES.has(lower)) return true;
  // "._report.pdf" is the resource fork of "report.pdf", never a document of its own.
  if (lower.startsWith('._') && lower.length > 2) return true;
  return relativePath
    .toLowerCase()
    .split('/')
    .some((folder) => JUNK_FOLDERS.has(folder));
}
