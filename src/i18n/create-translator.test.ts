import { describe, expect, it } from 'vitest';
import { createTranslator } from './create-translator';

const en = createTranslator('en');
const zh = createTranslator('zh-CN');

describe('createTranslator', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(en.t('row.urlValid', { duration: '14:32' })).toBe('URL valid for 14:32');
    expect(en.plural('count.files', 10000)).toBe('10,000 files');
    expect(zh.plural('count.files', 3)).toBe('3 个文件');
  });

  it('chooses English plural forms with Intl.PluralRules', () => {
    expect(en.plural('count.files', 1)).toBe('1 file');
    expect(en.plural('count.files', 0)).toBe('0 files');
    expect(en.plural('overall.filesDone', 2, { done: 1, total: 2 })).toBe('1 of 2 files uploaded');
  });

  it('formats sizes and speeds in decimal SI units, as the owner typed them (kB = 1000 B)', () => {
    expect(en.bytes(0)).toBe('0 bytes');
    expect(en.bytes(1)).toBe('1 byte');
    expect(zh.bytes(12)).toBe('12字节');
    expect(en.bytes(999)).toBe('999 bytes');
    // --max-file-size 100KB and 10MB (issue 12 #11: they read "98 kB" and "9.5 MB").
    expect(en.bytes(100_000)).toBe('100 kB');
    expect(zh.bytes(100_000)).toBe('100 kB');
    expect(en.bytes(10_000_000)).toBe('10 MB');
    expect(en.bytes(1_000)).toBe('1 kB');
    expect(en.bytes(1_500_000)).toBe('1.5 MB');
    expect(en.bytes(153_400_000)).toBe('153 MB');
    expect(en.bytes(2 * 1000 ** 3)).toBe('2 GB');
    // Binary sizes typed as GiB are shown in the same decimal units, three digits.
    expect(en.bytes(2 * 1024 ** 3)).toBe('2.15 GB');
    // Rounding never shows "1,000 kB".
    expect(en.bytes(999_999)).toBe('1 MB');
    expect(en.bytes(999_499)).toBe('999 kB');
    expect(en.speed(2_500_000)).toBe('2.5 MB/s');
    expect(zh.speed(2_500_000)).toContain('MB/秒');
  });

  it('shows countdowns as a clock below a day, and longer spans rounded as people read them', () => {
    const MIN = 60_000;
    const HOUR = 60 * MIN;
    const DAY = 24 * HOUR;
    expect(en.clock(872_000)).toBe('14:32');
    expect(en.clock(3_723_000)).toBe('1:02:03');
    expect(en.clock(-5_000)).toBe('0:00');
    expect(en.duration(DAY - 1000)).toBe('23:59:59');
    expect(en.duration(DAY)).toBe('1 day');
    expect(en.duration(30 * HOUR)).toBe('1 day, 6 hours');
    // A 3-day link a minute after minting (issue 12 #11: it read "2 days").
    expect(en.duration(3 * DAY - MIN)).toBe('3 days');
    expect(en.duration(3 * DAY - 29 * MIN)).toBe('3 days');
    expect(en.duration(3 * DAY - 31 * MIN)).toBe('2 days, 23 hours');
    expect(en.duration(3 * DAY + 5)).toBe('3 days');
    expect(en.duration(DAY + HOUR)).toBe('1 day, 1 hour');
    // From a week on, whole days.
    expect(en.duration(7 * DAY - 20 * MIN)).toBe('7 days');
    expect(en.duration(30 * DAY - 2 * HOUR)).toBe('30 days');
    expect(en.duration(30 * DAY - 13 * HOUR)).toBe('29 days');
    expect(zh.duration(3 * DAY - MIN)).toBe('3天');
    expect(zh.duration(3 * DAY - 31 * MIN)).toBe('2天23小时');
  });

  it('says how long something took in words, through Intl units', () => {
    expect(en.elapsed(192_000)).toBe('3 minutes, 12 seconds');
    expect(en.elapsed(400)).toBe('0 seconds');
    expect(en.elapsed(1_000)).toBe('1 second');
    expect(en.elapsed(3_600_000 + 61_000)).toBe('1 hour, 1 minute');
    expect(zh.elapsed(192_000)).toBe('3分钟12秒钟');
  });

  it('gives plain words for known error codes and a fallback for anything else', () => {
    expect(en.error('link-expired').what).toBe('This upload link has expired.');
    expect(zh.error('link-expired').what).toBe('此上传链接已过期。');
    expect(en.error('<b>raw server text</b>')).toEqual(en.error('unknown'));
    expect(en.error(undefined)).toEqual(en.error('unknown'));
    // Inherited object keys are not error codes.
    expect(en.error('toString')).toEqual(en.error('unknown'));
  });

  it('joins lists the way each language does', () => {
    expect(en.list(['PDF', 'images'], 'disjunction')).toBe('PDF or images');
    expect(zh.list(['PDF', '图片'], 'disjunction')).toBe('PDF或图片');
  });
});
