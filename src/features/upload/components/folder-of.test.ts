import { describe, expect, it } from 'vitest';
import { displayName } from './display-name';
import { folderOf } from './folder-of';

describe('folderOf', () => {
  it('keeps only the folder of each path form file-selector produces', () => {
    expect(folderOf('./report.pdf')).toBe('');
    expect(folderOf('/report.pdf')).toBe('');
    expect(folderOf('/scans/2024/report.pdf')).toBe('scans/2024/');
    expect(folderOf('scans/report.pdf')).toBe('scans/');
    expect(folderOf(undefined)).toBe('');
  });
});

describe('displayName', () => {
  it('removes bidi overrides that could disguise an extension', () => {
    expect(displayName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(displayName('\u2067报告\u2069.pdf')).toBe('报告.pdf');
    expect(displayName('plain name.txt')).toBe('plain name.txt');
  });
});
