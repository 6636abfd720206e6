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

const LONGEST_JUNK_NAME = Math.max(...[...JUNK_NAMES].map((name) => name.length));

const JUNK_FOLDERS: ReadonlySet<string> = new Set([
  '__macosx',
  '.spotlight-v100',
  '.trashes',
  '.fseventsd',
  '.temporaryitems',
]);

/** `relativePath` is the folder part ("photos/2024/"), '' for a loose file. */
export function isOsJunk(name: string, relativePath = ''): boolean {
  // "._report.pdf" is the resource fork of "report.pdf", never a document of its own.
  if (name.startsWith('._') && name.length > 2) return true;
  // Every junk name is short: most names are ruled out without building a lower-case copy.
  if (name.length <= LONGEST_JUNK_NAME && JUNK_NAMES.has(name.toLowerCase())) return true;
  if (relativePath === '') return false;
  return relativePath
    .toLowerCase()
    .split('/')
    .some((folder) => JUNK_FOLDERS.has(folder));
}
