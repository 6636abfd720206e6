// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// vitest.setup.ts loads every catalogue; a fresh module graph starts, like the portal, with
// English only.
beforeEach(() => {
  vi.resetModules();
});
afterEach(() => {
  localStorage.clear();
});

const config = { apiBase: '/api/v1', concurrency: 6, stallTimeoutMs: 30_000 };

describe('languages fetched on demand', () => {
  it('has only English until another language is loaded, and never caches a stand-in', async () => {
    const { createTranslator, hasCatalogue, loadCatalogue } =
      await import('../i18n/create-translator');
    expect(hasCatalogue('en')).toBe(true);
    expect(hasCatalogue('zh-CN')).toBe(false);
    // Asked too early: English words, Chinese formats.
    expect(createTranslator('zh-CN').t('landing.title')).toBe('Send files with an upload link');
    await loadCatalogue('zh-CN');
    expect(hasCatalogue('zh-CN')).toBe(true);
    expect(createTranslator('zh-CN').t('landing.title')).toBe('通过上传链接发送文件');
  });

  it('switches the page only once the words are there', async () => {
    const { App } = await import('./app');
    const { parseRoute } = await import('./parse-route');
    render(<App config={config} route={parseRoute('/')} initialLocale="en" />);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    // Still whole English while the catalogue is on its way: no half-translated page.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Send files with an upload link',
    );
    expect(
      await screen.findByRole('heading', { level: 1, name: '通过上传链接发送文件' }),
    ).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
