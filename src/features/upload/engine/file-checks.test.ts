import { describe, expect, it } from 'vitest';
import type { LinkLimits } from '../../../../protocol/schemas';
import { checkFiles, isTypeAllowed } from './file-checks';

const f = (name: string, size: number, type = '') => ({ name, size, type });
const limits = (over: Partial<LinkLimits> = {}): LinkLimits => ({
  maxFileSize: null,
  maxTotalBytes: null,
  maxFiles: null,
  allowedTypes: [],
  ...over,
});

describe('isTypeAllowed', () => {
  it('follows the signer: the name decides, active types must be named', () => {
    expect(isTypeAllowed(f('Scan.PDF', 1), ['.pdf'])).toBe(true);
    expect(isTypeAllowed(f('scan.pdf.exe', 1), ['.pdf'])).toBe(false);
    expect(isTypeAllowed(f('cv.pdf', 1, 'text/html'), ['.pdf'])).toBe(true);
    expect(isTypeAllowed(f('a.png', 1, 'image/png'), ['image/*'])).toBe(true);
    expect(isTypeAllowed(f('logo.svg', 1, 'image/svg+xml'), ['image/*'])).toBe(false);
    expect(isTypeAllowed(f('logo.svg', 1, 'image/svg+xml'), ['image/svg+xml'])).toBe(true);
    expect(isTypeAllowed(f('page.html', 1, 'image/png'), ['image/*'])).toBe(false);
    expect(isTypeAllowed(f('r.pdf', 1, 'Application/PDF'), ['application/pdf'])).toBe(true);
    expect(isTypeAllowed(f('a.txt', 1, 'text/plain; charset=utf-8'), ['text/plain'])).toBe(true);
  });

  it('an empty list allows any type', () => {
    expect(isTypeAllowed(f('a.exe', 1), [])).toBe(true);
    expect(isTypeAllowed(f('page.html', 1, 'text/html'), [])).toBe(true);
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

  it('says what a refused file was judged to be, and whether it is active content', () => {
    const [svg, html] = checkFiles(
      [f('logo.svg', 1, 'image/svg+xml'), f('page.html', 1, 'image/png')],
      limits({ allowedTypes: ['image/*'] }),
    );
    expect(svg!.errors[0]).toEqual({
      code: 'file-type-not-allowed',
      params: { allowed: 'image/*', type: 'image/svg+xml', reason: 'active' },
    });
    expect(html!.errors[0]!.params).toMatchObject({ type: 'text/html', reason: 'not-allowed' });
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

  it('without limits everything passes', () => {
    expect(checkFiles([f('a', 1e12)], null)[0]!.errors).toEqual([]);
  });
});
