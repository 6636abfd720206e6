import { describe, expect, it } from 'vitest';
import type { LinkLimits } from '../../../../protocol/schemas';
import { checkFiles, isTypeAllowed, matchesType } from './file-checks';

const f = (name: string, size: number, type = '') => ({ name, size, type });
const limits = (over: Partial<LinkLimits> = {}): LinkLimits => ({
  maxFileSize: null,
  maxTotalBytes: null,
  maxFiles: null,
  allowedTypes: [],
  ...over,
});

describe('matchesType', () => {
  it('matches extensions, MIME families and exact types, case-insensitively', () => {
    expect(matchesType(f('Scan.PDF', 1), '.pdf')).toBe(true);
    expect(matchesType(f('scan.pdf.exe', 1), '.pdf')).toBe(false);
    expect(matchesType(f('a', 1, 'image/png'), 'image/*')).toBe(true);
    expect(matchesType(f('a', 1, 'imagex/png'), 'image/*')).toBe(false);
    expect(matchesType(f('a', 1, 'Application/PDF'), 'application/pdf')).toBe(true);
    expect(matchesType(f('a', 1, 'text/plain; charset=utf-8'), 'text/plain')).toBe(true);
    expect(matchesType(f('a', 1, ''), 'image/*')).toBe(false);
    expect(matchesType(f('a', 1, ''), '*/*')).toBe(true);
  });

  it('an empty list allows any type', () => {
    expect(isTypeAllowed(f('a.exe', 1), [])).toBe(true);
    expect(isTypeAllowed(f('a.exe', 1), ['.pdf', 'image/*'])).toBe(false);
  });
});

describe('checkFiles', () => {
  it('returns results with every error, not exceptions', () => {
    const results = checkFiles(
      [f('ok.png', 5, 'image/png'), f('big.exe', 50, 'application/x-msdownload')],
      limits({ maxFileSize: 10, allowedTypes: ['image/*'] }),
    );
    expect(results[0]!.errors).toEqual([]);
    expect(results[1]!.errors.map((e) => e.code)).toEqual([
      'file-too-large',
      'file-type-not-allowed',
    ]);
    expect(results[1]!.errors[0]!.params).toEqual({ limit: 10 });
  });

  it('accepts files up to maxFiles, counting what was used before', () => {
    const results = checkFiles([f('a', 1), f('b', 1), f('c', 1)], limits({ maxFiles: 3 }), {
      files: 1,
      bytes: 0,
    });
    expect(results.map((r) => r.errors.map((e) => e.code))).toEqual([[], [], ['too-many-files']]);
  });

  it('refused files do not use up the quota', () => {
    const results = checkFiles(
      [f('big', 100), f('a', 6), f('b', 5)],
      limits({ maxFileSize: 50, maxTotalBytes: 10 }),
    );
    expect(results.map((r) => r.errors.map((e) => e.code))).toEqual([
      ['file-too-large'],
      [],
      ['quota-exceeded'],
    ]);
  });

  // Issue 12, finding 9: a refusal said the allowance "is used up" while some remained.
  it('says how many bytes were left when a file does not fit', () => {
    const results = checkFiles([f('a', 6), f('b', 5)], limits({ maxTotalBytes: 10 }), {
      files: 0,
      bytes: 0,
    });
    expect(results[1]!.errors).toEqual([
      { code: 'quota-exceeded', params: { limit: 10, remaining: 4 } },
    ]);
  });

  it('without limits everything passes', () => {
    expect(checkFiles([f('a', 1e12)], null)[0]!.errors).toEqual([]);
  });
});
