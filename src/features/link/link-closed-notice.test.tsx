// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n-provider';
import { LinkClosedNotice } from './link-closed-notice';

describe('LinkClosedNotice', () => {
  it.each([
    ['link-revoked', 'en', 'This upload link has been switched off by its owner.'],
    ['link-expired', 'en', 'This upload link has expired.'],
    ['link-revoked', 'zh-CN', null],
  ] as const)(
    'says %s in plain words (%s), that what arrived is safe, and offers no button',
    async (code, locale, heading) => {
      render(
        <I18nProvider initialLocale={locale}>
          <LinkClosedNotice code={code} />
        </I18nProvider>,
      );
      const alert = await screen.findByRole('alert');
      expect(alert.dataset.linkClosed).toBe(code);
      const title = screen.getByRole('heading', { level: 2 }).textContent ?? '';
      if (heading) expect(title).toBe(heading);
      else expect(title).toMatch(/[\u4e00-\u9fff]/);
      expect(alert.textContent).toMatch(/Files that already arrived are safe|已到达的文件是安全的/);
      expect(screen.queryByRole('button')).toBeNull();
    },
  );
});
