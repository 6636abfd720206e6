import { describe, expect, it } from 'vitest';
import { accentProperties, contrastRatio, parseAccent, parseEmbedParams } from './embed-params';

describe('parseEmbedParams', () => {
  it('takes known values and ignores everything else', () => {
    expect(parseEmbedParams('?theme=dark&accent=0B7285&background=themed')).toEqual({
      theme: 'dark',
      accent: '#0b7285',
      background: 'themed',
    });
    expect(parseEmbedParams('?theme=Dark&accent=red&background=image')).toEqual({
      theme: null,
      accent: null,
      background: 'transparent',
    });
    expect(parseEmbedParams('')).toEqual({ theme: null, accent: null, background: 'transparent' });
  });

  it('never lets CSS through the accent', () => {
    for (const attempt of [
      '#fff;background:url(x)',
      'fff}body{display:none',
      'var(--x)',
      '#12345g',
      '#1234',
      ' ',
    ]) {
      expect(parseAccent(attempt), attempt).toBeNull();
    }
    expect(parseAccent('#1E8')).toBe('#11ee88');
    expect(parseAccent('%23abcdef'.replace('%23', '#'))).toBe('#abcdef');
  });
});

describe('accentProperties', () => {
  it('puts the more readable of black and white on the accent', () => {
    expect(accentProperties('#0b3d91')['--color-on-accent']).toBe('#ffffff');
    expect(accentProperties('#ffd43b')['--color-on-accent']).toBe('#000000');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
