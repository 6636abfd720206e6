// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import type { FileStatus } from '../engine/types';
import { FileRow } from './file-row';
import { createFakeUploadEngine, fileEntry } from './testing/fake-upload-engine';

const STATUSES: FileStatus[] = [
  'queued',
  'signing',
  'uploading',
  'paused',
  'verifying',
  'done',
  'failed',
  'cancelled',
  'rejected',
];

function renderRow(entry: ReturnType<typeof fileEntry>, locale: 'en' | 'zh-CN' = 'en') {
  const engine = createFakeUploadEngine();
  render(
    <I18nProvider initialLocale={locale}>
      <FileRow entry={entry} commands={engine} />
    </I18nProvider>,
  );
  return { engine, row: screen.getByTestId('file-row') };
}

describe('FileRow', () => {
  it.each(STATUSES)('renders status %s with its data-status and a status label', (status) => {
    const { row } = renderRow(fileEntry({ name: `${status}.bin`, status, bytesSent: 250 }));
    expect(row.dataset.status).toBe(status);
    expect(row.dataset.fileName).toBe(`${status}.bin`);
    expect(row.querySelector(`.status--${status}`)?.textContent?.trim()).toBeTruthy();
  });

  it('exposes progress as an accessible progressbar named after the file', () => {
    renderRow(fileEntry({ name: 'scan.pdf', status: 'uploading', size: 2000, bytesSent: 500 }));
    const bar = screen.getByRole('progressbar', { name: 'Upload progress of scan.pdf' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toMatch(/^25%/);
  });

  it('counts an empty file as complete only once it is done', () => {
    renderRow(fileEntry({ name: 'empty.bin', status: 'done', size: 0 }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('explains a failure in the reader’s language, never with the raw server text', () => {
    const { row } = renderRow(
      fileEntry({
        name: 'x.bin',
        status: 'failed',
        error: {
          code: 'checksum-mismatch',
          detail: '<img src=x onerror=alert(1)>',
          requestId: 'req-42',
        },
      }),
      'zh-CN',
    );
    expect(row.textContent).toContain('存储中的文件与您设备上的文件并非完全一致。');
    expect(row.textContent).toContain('请求 ID：req-42');
    expect(row.textContent).not.toContain('onerror');
    expect(row.querySelector('img')).toBeNull();
  });

  it.each([
    ['en', 'active', 'Files of type image/svg+xml can run code when a browser opens them'],
    ['zh-CN', 'active', 'image/svg+xml 类型的文件在浏览器中打开时可能运行代码'],
    ['en', 'not-allowed', 'Going by its name, this file is image/svg+xml.'],
    ['zh-CN', 'not-allowed', '按文件名判断，此文件的类型为 image/svg+xml。'],
  ] as const)('says what a refused type was judged to be (%s, %s)', (locale, reason, words) => {
    const { row } = renderRow(
      fileEntry({
        name: 'logo.svg',
        status: 'rejected',
        error: {
          code: 'file-type-not-allowed',
          params: { allowed: 'image/*', type: 'image/svg+xml', reason },
        },
      }),
      locale,
    );
    expect(within(row).getByTestId('type-judged').textContent).toContain(words);
  });

  it('states the limit a rejected file ran into, in bytes or in files', () => {
    renderRow(
      fileEntry({
        name: 'big.iso',
        status: 'rejected',
        error: { code: 'file-too-large', params: { limit: 2 * 1000 ** 3 } },
      }),
    );
    expect(
      screen.getByText('This file is larger than this link allows.', { exact: false }),
    ).toBeTruthy();
    expect(screen.getByText('Limit: 2 GB')).toBeTruthy();
    // A refused file was never sent: no progress to show.
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('offers the actions that fit the status and sends them to the engine', () => {
    const uploading = renderRow(fileEntry({ id: 'f1', name: 'a.txt', status: 'uploading' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause a.txt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel a.txt' }));
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(uploading.engine.calls).toEqual([
      ['pause', 'f1'],
      ['cancel', 'f1'],
    ]);
  });

  it('offers Resume and Cancel for a paused file', () => {
    const { engine, row } = renderRow(fileEntry({ id: 'p', name: 'p.txt', status: 'paused' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Resume p.txt' }));
    expect(within(row).getByRole('button', { name: 'Cancel p.txt' })).toBeTruthy();
    expect(engine.calls).toEqual([['resume', 'p']]);
  });

  it.each(['failed', 'cancelled'] as const)('offers Retry for a %s file', (status) => {
    const { engine, row } = renderRow(fileEntry({ id: status, name: `${status}.txt`, status }));
    fireEvent.click(within(row).getByRole('button', { name: `Retry ${status}.txt` }));
    expect(engine.calls).toEqual([['retry', status]]);
  });

  it('offers no actions once a file is done', () => {
    const { row } = renderRow(fileEntry({ name: 'ok.txt', status: 'done', bytesSent: 1000 }));
    expect(within(row).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows how long the upload URL stays valid while uploading', () => {
    renderRow(
      fileEntry({
        name: 'u.bin',
        status: 'uploading',
        urlExpiresAt: Date.now() + 14 * 60_000 + 32_000,
      }),
    );
    expect(screen.getByText(/^URL valid for 14:3[12]$/)).toBeTruthy();
  });

  it('uses the engine’s progress figure, which holds back the last bit until verified', () => {
    renderRow(
      fileEntry({
        name: 'v.bin',
        status: 'verifying',
        size: 1000,
        bytesSent: 1000,
        progress: 0.99,
      }),
    );
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('99');
  });

  it('shows multipart progress in parts', () => {
    renderRow(fileEntry({ name: 'big.iso', status: 'uploading', parts: { done: 3, total: 8 } }));
    expect(screen.getByText('3 of 8 parts')).toBeTruthy();
  });

  it('says why an automatic retry is waiting and when it runs', () => {
    renderRow(
      fileEntry({
        name: 'r.bin',
        status: 'uploading',
        attempts: 1,
        retrying: { code: 'network-error', at: Date.now() + 5000 },
      }),
      'zh-CN',
    );
    expect(screen.getByText(/^网络连接中断了。 0:0[45] 后重试$/)).toBeTruthy();
    expect(screen.getByText('第 2 次尝试')).toBeTruthy();
  });

  it('isolates names and strips bidi overrides that could disguise them', () => {
    const spoof = 'invoice\u202efdp.exe';
    const { row } = renderRow(fileEntry({ name: spoof, status: 'queued' }));
    const shown = row.querySelector('.file-row__name bdi');
    expect(shown?.textContent).toBe('invoicefdp.exe');
    // The data attribute keeps the exact name for tests and hosts.
    expect(row.dataset.fileName).toBe(spoof);
  });

  it('shows the folder a file came from', () => {
    renderRow(fileEntry({ name: 'r.pdf', relativePath: 'scans/2024/' }));
    expect(screen.getByText('scans/2024/')).toBeTruthy();
  });
});
