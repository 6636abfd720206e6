import { describe, expect, it } from 'vitest';
import type { FileInput } from '../engine/types';
import { fingerprintOf } from './file-fingerprint';
import { isOsJunk } from './os-junk';
import { sortIntake } from './sort-intake';

function input(name: string, relativePath = '', size = 3, lastModified = 1_700_000_000_000) {
  return { file: new File(['x'.repeat(size)], name, { lastModified }), relativePath };
}

const names = (inputs: FileInput[]) => inputs.map((i) => `${i.relativePath}${i.file.name}`);

describe('isOsJunk', () => {
  it('knows the files Finder and Explorer leave behind, in any letter case', () => {
    for (const name of ['.DS_Store', 'Thumbs.db', 'thumbs.DB', 'desktop.ini', 'Desktop.ini']) {
      expect(isOsJunk(name), name).toBe(true);
    }
    expect(isOsJunk('._holiday.jpg')).toBe(true);
    expect(isOsJunk('report.pdf', '__MACOSX/scans/')).toBe(true);
    expect(isOsJunk('report.pdf', 'usb/.Spotlight-V100/')).toBe(true);
  });

  it('leaves real files alone, even ones whose names look similar', () => {
    for (const name of ['DS_Store.txt', 'thumbs.db.bak', 'my desktop.ini.txt', '.env', '._']) {
      expect(isOsJunk(name), name).toBe(false);
    }
    expect(isOsJunk('a.pdf', 'macosx-notes/')).toBe(false);
  });
});

describe('sortIntake', () => {
  it('passes new files on in their order and sets OS junk aside', () => {
    const sorted = sortIntake(
      [
        input('a.txt'),
        input('.DS_Store', 'photos/'),
        input('b.jpg', 'photos/'),
        input('Thumbs.db', 'photos/'),
      ],
      new Set(),
    );
    expect(names(sorted.fresh)).toEqual(['a.txt', 'photos/b.jpg']);
    expect(names(sorted.junk)).toEqual(['photos/.DS_Store', 'photos/Thumbs.db']);
    expect(sorted.duplicates).toEqual([]);
  });

  it('holds back files already added in this session: same name, size, date and folder', () => {
    const earlier = input('a.txt', 'docs/');
    const seen = new Set([fingerprintOf(earlier)]);
    const sorted = sortIntake(
      [
        input('a.txt', 'docs/'),
        input('a.txt', ''), // another folder: another file
        input('a.txt', 'docs/', 4), // another size
        input('a.txt', 'docs/', 3, 1_700_000_000_001), // saved again since
      ],
      seen,
    );
    expect(names(sorted.duplicates)).toEqual(['docs/a.txt']);
    expect(sorted.fresh).toHaveLength(3);
  });

  it('notices the same file twice in one pick', () => {
    const sorted = sortIntake([input('a.txt'), input('a.txt')], new Set());
    expect(sorted.fresh).toHaveLength(1);
    expect(sorted.duplicates).toHaveLength(1);
  });

  it('does not change the set of files seen', () => {
    const seen = new Set<string>();
    sortIntake([input('a.txt')], seen);
    expect(seen.size).toBe(0);
  });
});
