import { describe, expect, it } from 'vitest';
import { DeliveryProblemCode } from '../../../protocol/admin';
import { createTranslator, loadCatalogue } from '../../i18n/create-translator';
import { deliveryProblemText } from './delivery-problem-text';

describe('deliveryProblemText', () => {
  it('words every code in both languages, naming its detail', async () => {
    await loadCatalogue('zh-CN');
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = createTranslator(locale);
      const seen = new Set<string>();
      for (const code of DeliveryProblemCode.options) {
        const text = deliveryProblemText({ code, detail: '4711' }, t);
        expect(text, `${locale} ${code}`).not.toContain('admin.notify');
        expect(text, `${locale} ${code}`).not.toContain('{');
        seen.add(text);
      }
      // One sentence per code: none falls back to another's words.
      expect(seen.size).toBe(DeliveryProblemCode.options.length);
      expect(deliveryProblemText({ code: 'http', detail: '503' }, t)).toContain('503');
    }
  });

  it('says retries stopped, with the last problem', async () => {
    await loadCatalogue('zh-CN');
    const t = createTranslator('zh-CN');
    const text = deliveryProblemText({ code: 'http', detail: '503', gaveUpAfterHours: 24 }, t);
    expect(text).toBe('重试 24 小时后放弃。最后的问题：接收方应答 HTTP 503。');
  });
});
