import { describe, expect, it } from 'vitest';
import { folderOf } from './folder-of';

describe('folderOf', () => {
  it('keeps only the folder of each path form browsers and pickers produce', () => {
    expect(folderOf('./report.pdf')).toBe('');
    expect(folderOf('/report.pdf')).toBe('');
    expect(folderOf('/scans/2024/report.pdf')).toBe('scans/2024/');
    expect(folderOf('scans/report.pdf')).toBe('scans/');
    expect(folderOf('')).toBe('');
    expect(folderOf(undefined)).toBe('');
  });
});
