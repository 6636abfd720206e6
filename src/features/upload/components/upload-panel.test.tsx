// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import type { FileEntry } from '../engine/types';
import {
  createFakeUploadEngine,
  fileEntry,
  type FakeUploadEngine,
} from './testing/fake-upload-engine';
import { UploadPanel } from './upload-panel';

function renderPanel(engine: FakeUploadEngine, closed = false) {
  const create = () => engine;
  return render(
    <I18nProvider initialLocale="en">
      <UploadPanel createEngine={create} closed={closed} />
    </I18nProvider>,
  );
}

// jsdom has no layout engine: every box measures 0×0, so the virtualised list would think
// it has no room for rows. Give the scroll box and the rows the sizes a browser would.
beforeEach(() => {
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function (this: Element) {
    return this.classList.contains('file-list') ? 600 : 0;
  });
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
    this: HTMLElement,
  ) {
    return this.classList.contains('file-list__item') ? 92 : 0;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('UploadPanel', () => {
  it('hands chosen files to the engine and lists what the engine reports', async () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const input = screen.getByTestId('file-input');
    Object.defineProperty(input, 'files', { value: [new File(['abc'], 'a.txt')] });
    fireEvent.change(input);
    await waitFor(() => expect(engine.added.map((i) => i.file.name)).toEqual(['a.txt']));

    act(() =>
      engine.setFiles([
        fileEntry({ name: 'a.txt', status: 'uploading', size: 3, bytesSent: 1 }),
        fileEntry({ name: 'b.txt', status: 'done', size: 3, bytesSent: 3 }),
      ]),
    );
    const rows = screen.getAllByTestId('file-row');
    expect(rows.map((row) => [row.dataset.fileName, row.dataset.status])).toEqual([
      ['a.txt', 'uploading'],
      ['b.txt', 'done'],
    ]);
    expect(screen.getByText('1 of 2 files uploaded')).toBeTruthy();
    expect(screen.getByText('4 bytes of 6 bytes sent')).toBeTruthy();
    expect(
      screen
        .getByRole('progressbar', { name: 'Overall upload progress' })
        .getAttribute('aria-valuenow'),
    ).toBe('67');
  });

  it('keeps 10,000 files to a handful of rows in the DOM', () => {
    const files: FileEntry[] = Array.from({ length: 10_000 }, (_, index) =>
      fileEntry({ id: `f${index}`, name: `file-${index}.dat` }),
    );
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    act(() => engine.setFiles(files));
    const items = screen.getByRole('region', { name: 'Files' }).querySelectorAll('li');
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(50);
    expect(items[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(items[0]!.getAttribute('aria-posinset')).toBe('1');
  });

  it('asks before cancelling everything', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    act(() => engine.setFiles([fileEntry({ name: 'a', status: 'uploading' })]));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    expect(engine.calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'No, keep uploading' }));
    expect(engine.calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel them' }));
    expect(engine.calls).toEqual([['cancelAll']]);
  });

  it('offers pause all / resume all / retry failed as the totals call for them', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'a', status: 'uploading' }),
        fileEntry({ name: 'b', status: 'failed', error: { code: 'network-error' } }),
      ]),
    );
    const totals = screen.getByRole('region', { name: 'Your uploads' });
    fireEvent.click(within(totals).getByRole('button', { name: 'Pause all' }));
    fireEvent.click(within(totals).getByRole('button', { name: 'Retry failed' }));
    expect(within(totals).getByText('1 failed')).toBeTruthy();

    act(() => engine.setFiles(engine.getSnapshot().files.slice(), { pausedAll: true }));
    fireEvent.click(within(totals).getByRole('button', { name: 'Resume all' }));
    expect(engine.calls).toEqual([['pauseAll'], ['retryAllFailed'], ['resumeAll']]);
  });

  it('tells the person when they are offline', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    act(() => engine.setFiles([fileEntry({ name: 'a', status: 'paused' })], { online: false }));
    expect(
      screen.getByText('You are offline — uploads will continue when the connection is back.'),
    ).toBeTruthy();
  });

  it('announces a summary now and then, not every change', () => {
    vi.useFakeTimers();
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const live = document.querySelector('[aria-live="polite"]')!;
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'a', status: 'uploading' }),
        fileEntry({ name: 'b', status: 'uploading' }),
        fileEntry({ name: 'c', status: 'uploading' }),
      ]),
    );
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'a', status: 'done' }),
        fileEntry({ name: 'b', status: 'done' }),
        fileEntry({ name: 'c', status: 'failed', error: { code: 'stalled' } }),
      ]),
    );
    expect(live.textContent).toBe('');
    act(() => vi.advanceTimersByTime(3000));
    expect(live.textContent).toBe('3 files added, 2 files done, 1 failed');
  });

  it('takes no new files once the link has expired, but keeps the list', () => {
    const engine = createFakeUploadEngine([fileEntry({ name: 'kept.txt', status: 'done' })]);
    renderPanel(engine, true);
    expect(screen.getByRole('button', { name: /Drop files/ }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    expect(screen.getByTestId('file-row').dataset.fileName).toBe('kept.txt');
  });
});
