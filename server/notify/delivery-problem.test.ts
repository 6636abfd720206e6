import { describe, expect, it } from 'vitest';
import { DeliveryProblemCode } from '../../protocol/admin';
import { problemText } from './delivery-problem';

describe('problemText', () => {
  it('has English words for every code, distinct from one another', () => {
    const texts = DeliveryProblemCode.options.map((code) => problemText({ code, detail: '7' }));
    expect(texts.every((t) => t.length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('keeps the words the CLI and the log have always printed', () => {
    expect(problemText({ code: 'http', detail: '500' })).toBe('HTTP 500');
    expect(problemText({ code: 'blocked-address', detail: 'loopback' })).toBe(
      'refused: the host resolves to a loopback address',
    );
    expect(problemText({ code: 'http', detail: '503', gaveUpAfterHours: 24 })).toBe(
      'gave up after 24 h of retries (last: HTTP 503)',
    );
    expect(problemText({ code: 'no-report', gaveUpAfterHours: 24 })).toBe(
      'gave up after 24 h of retries (last attempt did not report back)',
    );
  });
});
