import { describe, expect, it } from 'vitest';
import { fileEntry } from '../components/testing/fake-upload-engine';
import type { FileEntry } from '../engine/types';
import { groupRejections } from './group-rejections';
import { computeTotals } from '../engine/state/file-entry';
import { countsOf, filterFiles } from './list-filter';
import { summarizeSession } from './session-summary';

const GB = 1024 ** 3;

function tooLarge(name: string, limit = 2 * GB): FileEntry {
  return fileEntry({
    name,
    status: 'rejected',
    error: { code: 'file-too-large', params: { limit } },
  });
}

describe('groupRejections', () => {
  it('counts refused files once per reason and limit, in order of first appearance', () => {
    const files = [
      tooLarge('a.iso'),
      fileEntry({ name: 'ok.txt', status: 'done' }),
      fileEntry({
        name: 'x.exe',
        status: 'rejected',
        error: { code: 'file-type-not-allowed', params: { allowed: 'image/*' } },
      }),
      tooLarge('b.iso'),
      tooLarge('c.iso', GB),
      fileEntry({ name: 'odd', status: 'rejected', error: null }),
    ];
    expect(groupRejections(files)).toEqual([
      { key: `file-too-large:${2 * GB}`, code: 'file-too-large', limit: 2 * GB, count: 2 },
      { key: 'file-type-not-allowed', code: 'file-type-not-allowed', limit: null, count: 1 },
      { key: `file-too-large:${GB}`, code: 'file-too-large', limit: GB, count: 1 },
      { key: 'unknown', code: 'unknown', limit: null, count: 1 },
    ]);
  });
});

describe('list filters', () => {
  const files = [
    fileEntry({ name: 'q', status: 'queued' }),
    fileEntry({ name: 'u', status: 'uploading' }),
    fileEntry({ name: 'p', status: 'paused' }),
    fileEntry({ name: 'v', status: 'verifying' }),
    fileEntry({ name: 'd', status: 'done' }),
    fileEntry({ name: 'f', status: 'failed' }),
    fileEntry({ name: 'c', status: 'cancelled' }),
    tooLarge('r1'),
    tooLarge('r2', GB),
  ];
  const namesOf = (list: readonly FileEntry[]) => list.map((f) => f.name);

  it('sorts every status into all / in progress / failed / done / not accepted', () => {
    expect(countsOf(computeTotals(files))).toEqual({
      all: 9,
      active: 4,
      failed: 1,
      done: 1,
      rejected: 2,
    });
    expect(namesOf(filterFiles(files, { kind: 'active' }))).toEqual(['q', 'u', 'p', 'v']);
    expect(namesOf(filterFiles(files, { kind: 'failed' }))).toEqual(['f']);
    expect(namesOf(filterFiles(files, { kind: 'done' }))).toEqual(['d']);
    expect(filterFiles(files, { kind: 'all' })).toBe(files);
  });

  it('narrows the refused files to one reason', () => {
    expect(namesOf(filterFiles(files, { kind: 'rejected' }))).toEqual(['r1', 'r2']);
    expect(
      namesOf(filterFiles(files, { kind: 'rejected', group: `file-too-large:${GB}` })),
    ).toEqual(['r2']);
  });
});

describe('summarizeSession', () => {
  it('waits until nothing is left to do', () => {
    expect(summarizeSession([])).toBeNull();
    expect(
      summarizeSession([
        fileEntry({ name: 'a', status: 'done', addedAt: 0, finishedAt: 10 }),
        fileEntry({ name: 'b', status: 'paused', addedAt: 0 }),
      ]),
    ).toBeNull();
    // Only refused files: nothing was sent, the rejection groups say it all.
    expect(summarizeSession([tooLarge('r')])).toBeNull();
  });

  it('adds up files, bytes, failures and the time from the first file to the last', () => {
    const summary = summarizeSession([
      fileEntry({ name: 'a', status: 'done', size: 1000, addedAt: 5_000, finishedAt: 9_000 }),
      fileEntry({ name: 'b', status: 'done', size: 24, addedAt: 5_000, finishedAt: 65_000 }),
      fileEntry({ name: 'c', status: 'failed', addedAt: 6_000, finishedAt: 7_000 }),
      fileEntry({ name: 'd', status: 'cancelled', addedAt: 6_000, finishedAt: 8_000 }),
      { ...tooLarge('r'), addedAt: 0, finishedAt: 0 },
    ]);
    expect(summary).toEqual({
      done: 2,
      doneBytes: 1024,
      failed: 1,
      cancelled: 1,
      rejected: 1,
      elapsedMs: 60_000,
    });
  });
});
