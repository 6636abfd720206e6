// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import type { FileInput } from '../engine/types';
import { Dropzone } from './dropzone';

function setup(locale: 'en' | 'zh-CN' = 'en', disabled = false) {
  const received: FileInput[][] = [];
  render(
    <I18nProvider initialLocale={locale}>
      <p id="limits">Up to 3 files</p>
      <Dropzone onFiles={(inputs) => received.push(inputs)} limitsId="limits" disabled={disabled} />
    </I18nProvider>,
  );
  return received;
}

describe('Dropzone', () => {
  it('is a focusable, labelled button described by the limits', () => {
    setup();
    const zone = screen.getByRole('button', { name: 'Drop files here or choose files to upload' });
    expect(zone.tabIndex).toBe(0);
    zone.focus();
    expect(document.activeElement).toBe(zone);
    const describedBy = zone.getAttribute('aria-describedby')!.split(' ');
    expect(describedBy).toContain('limits');
    const descriptions = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(descriptions).toContain('Up to 3 files');
    expect(descriptions.join(' ')).toMatch(/Enter or Space/);
  });

  it('is labelled in Chinese for Chinese readers', () => {
    setup('zh-CN');
    expect(screen.getByRole('button', { name: '拖放文件到此处，或选择文件上传' })).toBeTruthy();
  });

  it('has a multiple file input for the file dialog (and for Playwright)', () => {
    setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    // No accept filter: refused files must reach the engine to get a reason.
    expect(input.getAttribute('accept')).toBeNull();
  });

  it('opens the file dialog with Enter and with Space', () => {
    setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const click = vi.spyOn(input, 'click').mockImplementation(() => {});
    const zone = screen.getByRole('button', { name: /Drop files/ });
    fireEvent.keyDown(zone, { key: 'Enter' });
    fireEvent.keyDown(zone, { key: ' ' });
    expect(click).toHaveBeenCalledTimes(2);
  });

  it('passes every chosen file on, empty ones included, with its folder', async () => {
    const received = setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const loose = new File(['hello'], 'a.txt', { type: 'text/plain' });
    const empty = new File([], 'empty.bin');
    const inFolder = new File(['x'], 'r.pdf', { type: 'application/pdf' });
    Object.defineProperty(inFolder, 'webkitRelativePath', { value: 'scans/2024/r.pdf' });
    Object.defineProperty(input, 'files', { value: [loose, empty, inFolder] });
    fireEvent.change(input);
    await waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]!.map((i) => [i.file.name, i.file.size, i.relativePath])).toEqual([
      ['a.txt', 5, ''],
      ['empty.bin', 0, ''],
      ['r.pdf', 1, 'scans/2024/'],
    ]);
  });

  it('shows the drag-over state while files are dragged over it', async () => {
    setup();
    const zone = screen.getByRole('button', { name: /Drop files/ });
    const file = new File(['x'], 'a.txt', { type: 'text/plain' });
    fireEvent.dragEnter(zone, {
      dataTransfer: {
        files: [file],
        items: [{ kind: 'file', type: 'text/plain' }],
        types: ['Files'],
      },
    });
    await waitFor(() => expect(zone.hasAttribute('data-drag-active')).toBe(true));
    expect(zone.textContent).toContain('Release to add these files');
  });

  it('says why nothing can be added to an expired link, and takes no files', () => {
    setup('en', true);
    const zone = screen.getByRole('button', { name: /Drop files/ });
    expect(zone.getAttribute('aria-disabled')).toBe('true');
    expect(zone.textContent).toContain('this link has expired');
  });
});
