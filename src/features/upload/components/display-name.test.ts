import { describe, expect, it } from 'vitest';
import { displayName } from './display-name';

describe('displayName', () => {
  it('removes bidi overrides that could disguise an extension', () => {
    expect(displayName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(displayName('\u2067报告\u2069.pdf')).toBe('报告.pdf');
    expect(displayName('plain name.txt')).toBe('plain name.txt');
  });
});
