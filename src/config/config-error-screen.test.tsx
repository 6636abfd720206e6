// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfigErrorScreen } from './config-error-screen';

describe('ConfigErrorScreen', () => {
  it('names the problem in English and Chinese at once', () => {
    render(<ConfigErrorScreen url="/config.json" problem={{ kind: 'status', status: 404 }} />);
    const headings = screen.getAllByRole('heading', { level: 1 });
    expect(headings.map((h) => h.closest('[lang]')?.getAttribute('lang'))).toEqual(['en', 'zh-CN']);
    expect(
      screen.getByText('The server answered with status 404 for the settings file.'),
    ).toBeTruthy();
    expect(screen.getByText('服务器对设置文件返回了状态码 404。')).toBeTruthy();
    expect(document.body.textContent).toContain('/config.json');
    expect(screen.getByRole('button', { name: 'Reload / 重新加载' })).toBeTruthy();
  });

  it('lists each invalid field', () => {
    render(
      <ConfigErrorScreen
        url="/config.json"
        problem={{ kind: 'invalid', issues: ['apiBase: Too small', 'concurrency: Too big'] }}
      />,
    );
    expect(screen.getByText('apiBase: Too small')).toBeTruthy();
    expect(screen.getByText('concurrency: Too big')).toBeTruthy();
  });
});
