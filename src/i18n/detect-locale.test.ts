import { describe, expect, it } from 'vitest';
import { detectLocale } from './detect-locale';

describe('detectLocale', () => {
  it('follows navigator.languages, mapping any Chinese to zh-CN', () => {
    expect(detectLocale({ search: '', stored: null, languages: ['zh-TW', 'en'] })).toBe('zh-CN');
    expect(detectLocale({ search: '', stored: null, languages: ['fr', 'en-GB'] })).toBe('en');
    expect(detectLocale({ search: '', stored: null, languages: ['fr'] })).toBe('en');
  });

  it('prefers a remembered choice over the browser languages', () => {
    expect(detectLocale({ search: '', stored: 'zh-CN', languages: ['en-US'] })).toBe('zh-CN');
    expect(detectLocale({ search: '', stored: 'klingon', languages: ['en-US'] })).toBe('en');
  });

  it('lets ?lang= override everything, ignoring unknown values', () => {
    expect(detectLocale({ search: '?lang=en', stored: 'zh-CN', languages: ['zh'] })).toBe('en');
    expect(detectLocale({ search: '?lang=zh-CN', stored: null, languages: ['en'] })).toBe('zh-CN');
    expect(detectLocale({ search: '?lang=xx', stored: 'zh-CN', languages: [] })).toBe('zh-CN');
  });
});
