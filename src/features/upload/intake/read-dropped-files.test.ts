import { afterEach, describe, expect, it } from 'vitest';
import { readDroppedFiles } from './read-dropped-files';

/*
 * Node has no drag and drop, so these tests hand the reader small stand-ins for the browser's
 * DataTransfer and FileSystem entries, shaped as the specs describe them (readEntries hands a
 * directory out in batches, then an empty one). A real folder drop in Chromium is covered by
 * e2e/people-folders.spec.ts.
 */
type Entry = FileEntryStub | DirEntryStub;
interface FileEntryStub {
  isDirectory: false;
  isFile: true;
  name: string;
  fullPath: string;
  file(ok: (file: File) => void, fail: (error: Error) => void): void;
}
interface DirEntryStub {
  isDirectory: true;
  isFile: false;
  name: string;
  fullPath: string;
  createReader(): { readEntries(ok: (batch: Entry[]) => void, fail: (e: Error) => void): void };
}

function fileEntry(fullPath: string, broken = false): FileEntryStub {
  const name = fullPath.slice(fullPath.lastIndexOf('/') + 1);
  return {
    isDirectory: false,
    isFile: true,
    name,
    fullPath,
    file: (ok, fail) => (broken ? fail(new Error('NotReadableError')) : ok(new File([name], name))),
  };
}

/** A directory that hands out its children `batchSize` at a time, as Chromium does (100). */
function dirEntry(fullPath: string, children: Entry[], batchSize = 100): DirEntryStub {
  return {
    isDirectory: true,
    isFile: false,
    name: fullPath.slice(fullPath.lastIndexOf('/') + 1),
    fullPath,
    createReader() {
      let offset = 0;
      return {
        readEntries(ok) {
          const batch = children.slice(offset, offset + batchSize);
          offset += batch.length;
          queueMicrotask(() => ok(batch));
        },
      };
    },
  };
}

function itemFor(entry: Entry | null, file: File | null = null) {
  return {
    kind: 'file',
    type: file?.type ?? '',
    webkitGetAsEntry: () => entry,
    getAsFile: () => file,
  };
}

function dataTransfer(items: ReturnType<typeof itemFor>[], files: File[] = []) {
  return { items, files } as unknown as DataTransfer;
}

const listed = (result: Awaited<ReturnType<typeof readDroppedFiles>>) =>
  result.inputs.map(({ file, relativePath }) => `${relativePath}${file.name}`);

afterEach(() => {
  delete (globalThis as { isSecureContext?: boolean }).isSecureContext;
});

describe('readDroppedFiles', () => {
  it('reads a folder recursively, keeping each file’s path inside it, in drop order', async () => {
    const loose = new File(['x'], 'loose.txt');
    const folder = dirEntry('/holiday', [
      fileEntry('/holiday/a.jpg'),
      dirEntry('/holiday/day 2', [fileEntry('/holiday/day 2/b.jpg')]),
    ]);
    const result = await readDroppedFiles(
      dataTransfer([
        itemFor(null, loose),
        itemFor(folder),
        itemFor(null, new File(['y'], 'z.txt')),
      ]),
    );
    expect(listed(result)).toEqual(['loose.txt', 'holiday/a.jpg', 'holiday/day 2/b.jpg', 'z.txt']);
    expect(result.unreadable).toBe(0);
  });

  it('keeps asking a large folder for more until it says it has no more', async () => {
    const children = Array.from({ length: 250 }, (_, i) => fileEntry(`/big/f${i}.txt`));
    const result = await readDroppedFiles(dataTransfer([itemFor(dirEntry('/big', children))]));
    expect(result.inputs).toHaveLength(250);
    expect(listed(result).at(-1)).toBe('big/f249.txt');
  });

  it('counts files it cannot read instead of failing the whole drop', async () => {
    const folder = dirEntry('/docs', [
      fileEntry('/docs/ok.txt'),
      fileEntry('/docs/gone.txt', true),
    ]);
    const result = await readDroppedFiles(dataTransfer([itemFor(folder)]));
    expect(listed(result)).toEqual(['docs/ok.txt']);
    expect(result.unreadable).toBe(1);
  });

  it('prefers the File System Access handle for folders in a secure context', async () => {
    (globalThis as { isSecureContext?: boolean }).isSecureContext = true;
    const file = (name: string) => ({
      kind: 'file' as const,
      name,
      getFile: async () => new File([name], name),
    });
    const handle = {
      kind: 'directory' as const,
      name: 'scans',
      async *values() {
        yield file('p1.pdf');
        yield {
          kind: 'directory' as const,
          name: '2024',
          async *values() {
            yield file('p2.pdf');
          },
        };
      },
    };
    const item = { ...itemFor(dirEntry('/scans', [])), getAsFileSystemHandle: async () => handle };
    const result = await readDroppedFiles(dataTransfer([item]));
    expect(listed(result)).toEqual(['scans/p1.pdf', 'scans/2024/p2.pdf']);
  });

  it('takes a typed item as a file without asking for its entry', async () => {
    const typed = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    const item = {
      ...itemFor(null, typed),
      webkitGetAsEntry: () => {
        throw new Error('not needed for a typed item');
      },
    };
    const result = await readDroppedFiles(dataTransfer([item]));
    expect(listed(result)).toEqual(['a.pdf']);
  });

  it('uses the file list when a browser gives no items, keeping a picker’s folder', async () => {
    const inFolder = new File(['x'], 'r.pdf');
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'scans/r.pdf' });
    const result = await readDroppedFiles(dataTransfer([], [new File(['a'], 'a.txt'), inFolder]));
    expect(listed(result)).toEqual(['a.txt', 'scans/r.pdf']);
  });
});
