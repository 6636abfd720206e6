// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LinkInfo } from '../../../protocol/schemas';
import { createTranslator } from '../../i18n/create-translator';
import { I18nProvider } from '../../i18n/i18n-provider';
import { describeLimits } from './describe-limits';
import { LinkHeader } from './link-header';

const GB = 1000 ** 3;

function link(overrides: Partial<LinkInfo> = {}): LinkInfo {
  return {
    id: 'l1',
    title: 'Scans for the 2024 audit',
    message: 'Please send the signed forms.\nThank you!',
    expiresAt: null,
    limits: {
      maxFiles: 20,
      maxFileSize: 2 * GB,
      maxTotalBytes: null,
      allowedTypes: ['application/pdf', 'image/*'],
    },
    usage: null,
    multipartThreshold: 64 * 1024 ** 2,
    ...overrides,
  };
}

function renderHeader(info: LinkInfo, locale: 'en' | 'zh-CN' = 'en', serverOffset = 0) {
  return render(
    <I18nProvider initialLocale={locale}>
      <LinkHeader link={info} serverOffset={serverOffset} limitsId="limits" />
    </I18nProvider>,
  );
}

describe('describeLimits', () => {
  const en = createTranslator('en');
  const zh = createTranslator('zh-CN');

  it('puts the limits into plain words', () => {
    expect(describeLimits(link().limits, en)).toBe('Up to 20 files, 2 GB each, PDF or images');
    expect(describeLimits(link().limits, zh)).toBe(
      '最多 20 个文件，每个不超过 2 GB，仅限PDF或图片',
    );
  });

  it('names formats by extension or subtype and merges duplicates', () => {
    const limits = {
      maxFiles: 1,
      maxFileSize: null,
      maxTotalBytes: 500 * 1000 ** 2,
      allowedTypes: ['.pdf', 'application/pdf', '.docx', 'image/png'],
    };
    expect(describeLimits(limits, en)).toBe('Up to 1 file, 500 MB in total, PDF, DOCX, or PNG');
  });

  it('says when there are no limits', () => {
    const none = { maxFiles: null, maxFileSize: null, maxTotalBytes: null, allowedTypes: [] };
    expect(describeLimits(none, en)).toBe('Any files, up to the storage maximum');
  });
});

describe('LinkHeader', () => {
  it('shows the owner’s title and message as text and the limits under the given id', () => {
    renderHeader(link({ title: '<b>Bold?</b>' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('<b>Bold?</b>');
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByText(/Please send the signed forms/).textContent).toContain('Thank you!');
    expect(document.getElementById('limits')?.textContent).toBe(
      'Up to 20 files, 2 GB each, PDF or images',
    );
  });

  it('counts down the link’s validity by the signer’s clock', () => {
    const now = Date.now();
    // The local clock is 10 minutes behind the signer: 30 signer-minutes left are 20 here.
    renderHeader(link({ expiresAt: now + 30 * 60_000 }), 'en', 10 * 60_000);
    expect(screen.getByText(/^Link valid for (20:00|19:59)/)).toBeTruthy();
  });

  it('shows longer validity in days, rounded as people read it, in Chinese too', () => {
    // A 3-day link a minute after it was made (issue 12 #11: it read "2 days").
    const { unmount } = renderHeader(link({ expiresAt: Date.now() + 3 * 86_400_000 - 60_000 }));
    expect(screen.getByText(/^Link valid for 3 days\s*$/)).toBeTruthy();
    unmount();
    renderHeader(link({ expiresAt: Date.now() + 3 * 86_400_000 - 60_000 }), 'zh-CN');
    expect(screen.getByText(/^链接有效期还剩 3天\s*$/)).toBeTruthy();
  });

  it('says when the link does not expire, and when it has expired', () => {
    const { unmount } = renderHeader(link({ expiresAt: null }));
    expect(screen.getByText('This link does not expire.')).toBeTruthy();
    unmount();
    renderHeader(link({ expiresAt: Date.now() - 1000 }));
    expect(screen.getByText(/This link has expired/)).toBeTruthy();
  });

  it('reports what the link has already received', () => {
    renderHeader(link({ usage: { files: 3, bytes: 1_500_000 } }));
    expect(screen.getByText('Already received: 3 files, 1.5 MB')).toBeTruthy();
  });
});
