// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import type { UnfinishedUpload } from '../engine/types';
import { ResumeBanner } from './resume-banner';

function upload(n: number): UnfinishedUpload {
  return {
    id: `u${n}`,
    name: `video-${n}.mp4`,
    relativePath: '',
    size: 300 * 1024 * 1024,
    partsDone: 12,
    partCount: 38,
    startedAt: 0,
  };
}

function renderBanner(
  unfinished: UnfinishedUpload[],
  onForget?: () => void,
  locale: 'en' | 'zh-CN' = 'en',
) {
  return render(
    <I18nProvider initialLocale={locale}>
      <ResumeBanner unfinished={unfinished} onForget={onForget} />
    </I18nProvider>,
  );
}

describe('ResumeBanner', () => {
  it('shows nothing when no upload is unfinished', () => {
    const { container } = renderBanner([], () => {});
    expect(container.innerHTML).toBe('');
  });

  it('says how many uploads are unfinished, names them and asks for the same files', () => {
    renderBanner([upload(1), upload(2)], () => {});
    const banner = screen.getByTestId('resume-banner');
    expect(banner.dataset.count).toBe('2');
    expect(banner.textContent).toContain('2 uploads from your last visit are not finished');
    expect(banner.textContent).toContain('same files again');
    expect(screen.getByText(/video-1\.mp4 \(.+, 12 of 38 parts sent\)/)).toBeTruthy();
    expect(screen.getByText(/video-2\.mp4/)).toBeTruthy();
  });

  it('lists a few names, then how many more', () => {
    renderBanner(
      Array.from({ length: 8 }, (_, i) => upload(i)),
      () => {},
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(6);
    expect(screen.getAllByRole('listitem').at(-1)?.textContent).toBe('3 more');
  });

  it('forgets only after the person confirms', () => {
    let forgot = 0;
    renderBanner([upload(1)], () => forgot++);
    fireEvent.click(screen.getByRole('button', { name: 'Forget it' }));
    expect(forgot).toBe(0);
    expect(screen.getByText(/parts already sent will be deleted/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'No, keep' }));
    expect(forgot).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Forget it' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, forget' }));
    expect(forgot).toBe(1);
  });

  it('offers no button when the engine cannot forget', () => {
    renderBanner([upload(1)]);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks Chinese too', () => {
    renderBanner([upload(1)], () => {}, 'zh-CN');
    expect(screen.getByTestId('resume-banner').textContent).toContain(
      '上次访问时有 1 个上传未完成',
    );
  });
});
