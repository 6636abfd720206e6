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

function renderPanel(
  engine: FakeUploadEngine,
  closed = false,
  options: { pauseInBackground?: boolean; locale?: 'en' | 'zh-CN' } = {},
) {
  const create = () => engine;
  return render(
    <I18nProvider initialLocale={options.locale ?? 'en'}>
      <UploadPanel
        createEngine={create}
        closed={closed}
        pauseInBackground={options.pauseInBackground}
      />
    </I18nProvider>,
  );
}

function choose(files: File[]) {
  const input = screen.getByTestId('file-input');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

const GB = 1000 ** 3;

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
        fileEntry({ name: 'b', status: 'failed', error: { code: 'stalled' } }),
        fileEntry({ name: 'c', status: 'uploading' }),
      ]),
    );
    expect(live.textContent).toBe('');
    act(() => vi.advanceTimersByTime(3000));
    expect(live.textContent).toBe('3 files added, 1 file done, 1 failed');
  });

  it('reads the closing summary once everything has finished', () => {
    vi.useFakeTimers();
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const live = document.querySelector('[aria-live="polite"]')!;
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'a', status: 'done', size: 1000, addedAt: 0, finishedAt: 65_000 }),
        fileEntry({ name: 'b', status: 'failed', error: { code: 'stalled' }, finishedAt: 1 }),
      ]),
    );
    act(() => vi.advanceTimersByTime(3000));
    expect(live.textContent).toBe(
      '2 files added, 1 file (1 kB) arrived and was verified in 1 minute, 5 seconds. 1 failed',
    );
  });

  it('takes no new files once the link has expired, but keeps the list', () => {
    const engine = createFakeUploadEngine([fileEntry({ name: 'kept.txt', status: 'done' })]);
    renderPanel(engine, true);
    expect(screen.getByRole('button', { name: /Drop files/ }).getAttribute('aria-disabled')).toBe(
      'true',
    );
    expect(screen.getByTestId('file-row').dataset.fileName).toBe('kept.txt');
  });

  it('skips operating-system files and says which, sending the rest', async () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    choose([new File(['a'], 'a.txt'), new File(['x'], '.DS_Store'), new File(['y'], 'Thumbs.db')]);
    await waitFor(() => expect(engine.added.map((i) => i.file.name)).toEqual(['a.txt']));
    const notice = screen.getByTestId('intake-notice');
    expect(notice.textContent).toContain('Skipped 2 system files (.DS_Store and Thumbs.db)');
    fireEvent.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('intake-notice')).toBeNull();
  });

  it('asks before sending the same file twice, and does what the person answers', async () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const report = new File(['quarterly'], 'report.pdf', { lastModified: 1 });
    choose([report]);
    await waitFor(() => expect(engine.added).toHaveLength(1));

    choose([
      new File(['quarterly'], 'report.pdf', { lastModified: 1 }),
      new File(['n'], 'new.txt'),
    ]);
    await waitFor(() => expect(engine.added).toHaveLength(2));
    expect(engine.added[1]!.file.name).toBe('new.txt');
    const question = screen.getByTestId('duplicates-question');
    expect(question.textContent).toContain('1 file was already added on this page: report.pdf.');
    // The safe answer has the focus, so Enter does not upload a second copy by accident.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Skip it' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Skip it' }));
    expect(screen.queryByTestId('duplicates-question')).toBeNull();
    expect(engine.added).toHaveLength(2);

    choose([new File(['quarterly'], 'report.pdf', { lastModified: 1 })]);
    await waitFor(() => expect(screen.getByTestId('duplicates-question')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Upload it again' }));
    expect(engine.added.map((i) => i.file.name)).toEqual(['report.pdf', 'new.txt', 'report.pdf']);
  });

  it('takes files pasted anywhere on the page, and ignores pasted text', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const shot = new File(['png'], 'image.png', { type: 'image/png' });
    const paste = (items: Array<{ kind: string; getAsFile(): File | null }>) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'clipboardData', { value: { items, files: [] } });
      document.body.dispatchEvent(event);
      return event;
    };
    expect(paste([{ kind: 'string', getAsFile: () => null }]).defaultPrevented).toBe(false);
    expect(engine.added).toHaveLength(0);
    expect(paste([{ kind: 'file', getAsFile: () => shot }]).defaultPrevented).toBe(true);
    expect(engine.added.map((i) => i.file.name)).toEqual(['image.png']);
  });

  it('takes no pasted files once the link has expired', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine, true);
    const event = new Event('paste', { bubbles: true, cancelable: true });
    const file = new File(['x'], 'x.png');
    Object.defineProperty(event, 'clipboardData', {
      value: { items: [{ kind: 'file', getAsFile: () => file }], files: [] },
    });
    document.body.dispatchEvent(event);
    expect(engine.added).toHaveLength(0);
  });

  it('groups refused files by reason and shows which on request', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const tooLarge = (name: string) =>
      fileEntry({
        name,
        status: 'rejected',
        error: { code: 'file-too-large', params: { limit: 2 * GB } },
      });
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'ok.txt', status: 'done' }),
        ...Array.from({ length: 37 }, (_, i) => tooLarge(`big-${i}.iso`)),
        fileEntry({ name: 'x.exe', status: 'rejected', error: { code: 'file-type-not-allowed' } }),
      ]),
    );
    const groups = screen.getByRole('region', { name: 'Files that were not accepted' });
    const items = within(groups).getAllByRole('listitem');
    expect(items.map((item) => item.firstChild!.textContent)).toEqual([
      '37 files are larger than 2 GB.',
      '1 file is of a type this link does not accept.',
    ]);
    // One message per reason, not per file: no row-level explanation is needed to see why.
    fireEvent.click(within(items[0]!).getAllByRole('button', { name: 'Show which' })[0]!);
    const list = screen.getByRole('region', { name: 'Files: 37 files are larger than 2 GB.' });
    expect(list.querySelector('li')!.getAttribute('aria-setsize')).toBe('37');
    expect(within(items[0]!).getByText('Shown in the list below.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all files' }));
    expect(screen.getByRole('region', { name: 'Files' })).toBeTruthy();
  });

  it('filters the list by all / in progress / failed / done, with counts', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    act(() =>
      engine.setFiles([
        fileEntry({ name: 'up.txt', status: 'uploading' }),
        fileEntry({ name: 'wait.txt', status: 'queued' }),
        fileEntry({ name: 'bad.txt', status: 'failed', error: { code: 'network-error' } }),
        fileEntry({ name: 'ok.txt', status: 'done' }),
      ]),
    );
    const filters = screen.getByRole('group', { name: 'Show files' });
    const buttons = within(filters).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['All4', 'In progress2', 'Failed1', 'Done1']);
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('true');
    const shownNames = () => screen.getAllByTestId('file-row').map((row) => row.dataset.fileName);

    fireEvent.click(buttons[1]!);
    expect(buttons[1]!.getAttribute('aria-pressed')).toBe('true');
    expect(buttons[0]!.getAttribute('aria-pressed')).toBe('false');
    expect(shownNames()).toEqual(['up.txt', 'wait.txt']);
    fireEvent.click(buttons[2]!);
    expect(shownNames()).toEqual(['bad.txt']);
    fireEvent.click(buttons[3]!);
    expect(shownNames()).toEqual(['ok.txt']);

    // Retrying the failed file empties the "failed" view: it says so instead of vanishing.
    fireEvent.click(buttons[2]!);
    act(() =>
      engine.setFiles(
        engine
          .getSnapshot()
          .files.map((f) => (f.status === 'failed' ? { ...f, status: 'queued' } : f)),
      ),
    );
    expect(screen.getByText('No files here right now.')).toBeTruthy();
  });

  it('sums up a finished session and hands out the list of keys', async () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine);
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    act(() =>
      engine.setFiles([
        fileEntry({
          name: 'a.txt',
          status: 'done',
          size: 3 * 1000 * 1000,
          key: 'uploads/l/a-a.txt',
          addedAt: 1_000,
          finishedAt: 193_000,
        }),
        fileEntry({
          name: 'b.txt',
          status: 'failed',
          error: { code: 'stalled' },
          addedAt: 1_000,
          finishedAt: 5_000,
        }),
        fileEntry({ name: 'c.iso', status: 'rejected', error: { code: 'file-too-large' } }),
      ]),
    );
    const summary = screen.getByTestId('upload-summary');
    expect(summary.textContent).toContain(
      '1 file (3 MB) arrived and was verified in 3 minutes, 12 seconds.',
    );
    expect(summary.textContent).toContain('1 failed, 1 not accepted');
    fireEvent.click(within(summary).getByRole('button', { name: 'Copy list' }));
    await waitFor(() =>
      expect(within(summary).getByText('Copied the list of 1 file.')).toBeTruthy(),
    );
    expect(writeText.mock.calls[0]![0]).toContain('a.txt,,3000000,uploads/l/a-a.txt');
    expect(writeText.mock.calls[0]![0]).not.toContain('b.txt');

    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push(this);
    });
    URL.createObjectURL = vi.fn(() => 'blob:list');
    URL.revokeObjectURL = vi.fn();
    fireEvent.click(within(summary).getByRole('button', { name: 'Download list (CSV)' }));
    expect(clicks).toHaveLength(1);
    expect(clicks[0]!.download).toMatch(/^uploaded-files-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(clicks[0]!.href).toBe('blob:list');
  });

  it('says so when the browser refuses to copy', async () => {
    const engine = createFakeUploadEngine([
      fileEntry({ name: 'a.txt', status: 'done', key: 'k', finishedAt: 1 }),
    ]);
    renderPanel(engine);
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      configurable: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Copy list' }));
    expect(
      await screen.findByText('This browser did not allow copying. Download the list instead.'),
    ).toBeTruthy();
  });

  it('pauses what is moving when the page goes to the background, and only that', () => {
    const engine = createFakeUploadEngine();
    renderPanel(engine, false, { pauseInBackground: true });
    act(() =>
      engine.setFiles([
        fileEntry({ id: 'up', name: 'up', status: 'uploading' }),
        fileEntry({ id: 'wait', name: 'wait', status: 'queued' }),
        fileEntry({ id: 'mine', name: 'mine', status: 'paused' }),
        fileEntry({ id: 'ok', name: 'ok', status: 'done' }),
      ]),
    );
    setVisibility('hidden');
    expect(engine.calls).toEqual([
      ['pause', 'up'],
      ['pause', 'wait'],
    ]);
    act(() =>
      engine.setFiles(
        engine
          .getSnapshot()
          .files.map((f) => (f.id === 'up' || f.id === 'wait' ? { ...f, status: 'paused' } : f)),
      ),
    );
    setVisibility('visible');
    // The file the person paused stays paused.
    expect(engine.calls.slice(2)).toEqual([
      ['resume', 'up'],
      ['resume', 'wait'],
    ]);
  });

  it('leaves uploads alone in the background after "Pause all", and on desktops', () => {
    const paused = createFakeUploadEngine([fileEntry({ name: 'a', status: 'queued' })]);
    const first = renderPanel(paused, false, { pauseInBackground: true });
    act(() => paused.setFiles(paused.getSnapshot().files.slice(), { pausedAll: true }));
    setVisibility('hidden');
    setVisibility('visible');
    expect(paused.calls).toEqual([]);
    first.unmount();

    const desktop = createFakeUploadEngine([fileEntry({ name: 'b', status: 'uploading' })]);
    renderPanel(desktop, false, { pauseInBackground: false });
    setVisibility('hidden');
    setVisibility('visible');
    expect(desktop.calls).toEqual([]);
  });
});
