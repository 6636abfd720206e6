import { describe, expect, it } from 'vitest';
import { composeParts } from './compose-parts';

describe('composeParts', () => {
  it('joins clauses as a list, with no full stop added', () => {
    expect(composeParts(['2 files added', '1 failed'], 'en')).toBe('2 files added, 1 failed');
    expect(composeParts(['已添加 2 个文件', '1 个失败'], 'zh-CN')).toBe(
      '已添加 2 个文件，1 个失败',
    );
  });

  it('makes sentences of the clauses around a sentence, never doubling a mark', () => {
    expect(composeParts(['Verified in 2 seconds.', '2 not accepted'], 'en')).toBe(
      'Verified in 2 seconds. 2 not accepted.',
    );
    expect(composeParts(['Offline.', '2 added', '1 failed', 'Done.'], 'en')).toBe(
      'Offline. 2 added, 1 failed. Done.',
    );
    expect(composeParts(['用时 2 秒。', '2 个未被接受'], 'zh-CN')).toBe(
      '用时 2 秒。2 个未被接受。',
    );
  });

  it('keeps closing quotes and brackets after a full stop, and other end marks', () => {
    expect(composeParts(['He said “stop.”', 'Really?', 'yes'], 'en')).toBe(
      'He said “stop.” Really? yes.',
    );
    expect(composeParts(['（完。）', '好'], 'zh-CN')).toBe('（完。）好。');
  });

  it('drops joining marks and blanks a part ends with, and empty parts', () => {
    expect(composeParts(['a, ', '', '  ', 'b;'], 'en')).toBe('a, b');
    expect(composeParts(['甲，', '乙、'], 'zh-CN')).toBe('甲，乙');
    expect(composeParts([], 'en')).toBe('');
  });
});
