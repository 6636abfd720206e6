import type { FileInput } from '../engine/types';
import { folderOf } from './folder-of';
import { inputOfFile } from './input-of-file';

/** What one drop, paste or dialog pick yielded. */
export interface PickedFiles {
  inputs: FileInput[];
  /** Folders (or files inside them) the browser would not let us read; the person is told. */
  unreadable: number;
}

/** The parts of the File System Access API used here (not in TypeScript's DOM library yet). */
interface DirectoryHandle {
  kind: 'directory';
  name: string;
  values(): AsyncIterable<DirectoryHandle | FileHandle>;
}
interface FileHandle {
  kind: 'file';
  name: string;
  getFile(): Promise<File>;
}
type ItemWithHandle = DataTransferItem & {
  getAsFileSystemHandle?(): Promise<DirectoryHandle | FileHandle | null>;
};

type Pending =
  | { kind: 'file'; input: FileInput }
  | {
      kind: 'folder';
      entry: FileSystemDirectoryEntry;
      handle: Promise<DirectoryHandle | FileHandle | null> | null;
    };

async function readHandle(handle: DirectoryHandle, path: string, out: PickedFiles): Promise<void> {
  for await (const child of handle.values()) {
    const childPath = `${path}${child.name}`;
    try {
      if (child.kind === 'directory') await readHandle(child, `${childPath}/`, out);
      else out.inputs.push({ file: await child.getFile(), relativePath: path });
    } catch {
      out.unreadable += 1;
    }
  }
}

function readEntriesOnce(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOfEntry(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function readEntry(entry: FileSystemDirectoryEntry, out: PickedFiles): Promise<void> {
  const reader = entry.createReader();
  // readEntries hands out a directory in batches (100 at a time in Chromium) until it
  // returns an empty one; reading it once would silently lose the rest of a large folder.
  for (;;) {
    const batch = await readEntriesOnce(reader);
    if (batch.length === 0) return;
    for (const child of batch) {
      try {
        if (child.isDirectory) await readEntry(child as FileSystemDirectoryEntry, out);
        else {
          const file = await fileOfEntry(child as FileSystemFileEntry);
          out.inputs.push({ file, relativePath: folderOf(child.fullPath) });
        }
      } catch {
        out.unreadable += 1;
      }
    }
  }
}

async function readFolder(
  pending: Extract<Pending, { kind: 'folder' }>,
  out: PickedFiles,
): Promise<void> {
  // The File System Access API first: the older entry API fails on some folders dragged
  // from Windows Explorer into Chromium. The entry API is the fallback (Firefox, Safari).
  const handle = await pending.handle?.catch(() => null);
  if (handle?.kind === 'directory') {
    // Read into a scratch list: a folder that fails halfway is read again below, whole.
    const scratch: PickedFiles = { inputs: [], unreadable: 0 };
    try {
      await readHandle(handle, `${handle.name}/`, scratch);
      out.inputs.push(...scratch.inputs);
      out.unreadable += scratch.unreadable;
      return;
    } catch {
      // Fall through to the entry API, which may still read it.
    }
  }
  try {
    await readEntry(pending.entry, out);
  } catch {
    out.unreadable += 1;
  }
}

/**
 * Every file of a drop, folders read recursively, each with the folder path it had inside
 * what was dropped ("holiday/day 1/"). Files come back in the order they were dropped, each
 * folder's files where the folder was.
 *
 * A drop's items are only readable during the event itself: everything that needs an item is
 * asked for synchronously first, and only then is anything awaited.
 */
export async function readDroppedFiles(dataTransfer: DataTransfer): Promise<PickedFiles> {
  const pending: Pending[] = [];
  const items = Array.from(dataTransfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) {
    // Some browsers fill only `files` (and synthetic drops may too).
    for (const file of Array.from(dataTransfer.files ?? [])) {
      pending.push({ kind: 'file', input: inputOfFile(file) });
    }
  }
  for (const item of items as ItemWithHandle[]) {
    // A folder never has a MIME type; a typed item is a file, and asking for its entry (an
    // object per item, 10,000 of them in a big drop) would only confirm that.
    const entry = item.type === '' ? (item.webkitGetAsEntry?.() ?? null) : null;
    if (entry?.isDirectory) {
      const handle =
        globalThis.isSecureContext && typeof item.getAsFileSystemHandle === 'function'
          ? item.getAsFileSystemHandle()
          : null;
      pending.push({ kind: 'folder', entry: entry as FileSystemDirectoryEntry, handle });
      continue;
    }
    const file = item.getAsFile();
    if (file) pending.push({ kind: 'file', input: inputOfFile(file) });
  }

  const out: PickedFiles = { inputs: [], unreadable: 0 };
  for (const next of pending) {
    if (next.kind === 'file') out.inputs.push(next.input);
    else await readFolder(next, out);
  }
  return out;
}
