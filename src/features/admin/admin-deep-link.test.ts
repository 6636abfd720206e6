import { describe, expect, it } from 'vitest';
import { parseAdminDeepLink } from './admin-deep-link';

describe('parseAdminDeepLink', () => {
  it('reads the link and submission a notification points at', () => {
    expect(parseAdminDeepLink('?link=q3v9VJm1c2dRr0Zk&submission=Xb3_-9')).toEqual({
      linkId: 'q3v9VJm1c2dRr0Zk',
      submissionId: 'Xb3_-9',
    });
    expect(parseAdminDeepLink('?lang=zh-CN&link=abc')).toEqual({
      linkId: 'abc',
      submissionId: null,
    });
  });

  it('ignores what is not an id', () => {
    expect(parseAdminDeepLink('')).toBeNull();
    expect(parseAdminDeepLink('?submission=abc')).toBeNull();
    expect(parseAdminDeepLink('?link=../x')).toBeNull();
    expect(parseAdminDeepLink('?link=abc&submission=a%2Fb')).toEqual({
      linkId: 'abc',
      submissionId: null,
    });
  });
});
