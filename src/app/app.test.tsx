// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALE_STORAGE_KEY } from '../i18n/detect-locale';
import { App } from './app';
import { parseRoute } from './parse-route';

const config = { apiBase: '/api/v1', concurrency: 6, stallTimeoutMs: 30_000 };

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('App', () => {
  it('explains the portal on the landing page', () => {
    render(<App config={config} route={parseRoute('/')} initialLocale="en" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Send files with an upload link',
    );
  });

  it('switches language from the page, sets <html lang> and remembers the choice', () => {
    render(<App config={config} route={parseRoute('/')} initialLocale="en" />);
    expect(document.documentElement.lang).toBe('en');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('通过上传链接发送文件');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN');
  });

  it('switches and remembers the theme', () => {
    render(<App config={config} route={parseRoute('/')} initialLocale="en" />);
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'system' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('shows a not-found page for unknown addresses', () => {
    render(<App config={config} route={parseRoute('/nope')} initialLocale="en" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
  });

  it('explains a missing link token instead of showing a dropzone', () => {
    render(<App config={config} route={parseRoute('/u/')} initialLocale="en" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'This address does not contain an upload link.',
    );
    expect(screen.queryByTestId('file-input')).toBeNull();
  });

  it('drops the page chrome in compact (embed) mode but names the portal origin', () => {
    render(<App config={config} route={parseRoute('/embed/')} initialLocale="en" />);
    expect(screen.queryByLabelText('Language')).toBeNull();
    expect(screen.getByText(`Secure upload page of ${location.host}`)).toBeTruthy();
  });
});
