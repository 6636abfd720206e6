// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n-provider';
import type { PickedFiles } from '../intake/read-dropped-files';
import { Dropzone } from './dropzone';

function setup({
  locale = 'en',
  showCamera = false,
}: { locale?: 'en' | 'zh-CN'; showCamera?: boolean } = {}) {
  const received: PickedFiles[] = [];
  render(
    <I18nProvider initialLocale={locale}>
      <p id="limits">Up to 3 files</p>
      <Dropzone
        onFiles={(picked) => received.push(picked)}
        limitsId="limits"
        showCamera={showCamera}
      />
    </I18nProvider>,
  );
  return received;
}

const listed = (picked: PickedFiles) =>
  picked.inputs.map((i) => [i.file.name, i.file.size, i.relativePath]);

function inFolder(name: string, path: string, body = 'x') {
  const file = new File([body], name);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
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
    setup({ locale: 'zh-CN' });
    expect(screen.getByRole('button', { name: '拖放文件到此处，或选择文件上传' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /选择文件夹/ })).toBeTruthy();
  });

  it('has a multiple file input for the file dialog (and for Playwright)', () => {
    setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.multiple).toBe(true);
    // No accept filter: refused files must reach the engine to get a reason.
    expect(input.getAttribute('accept')).toBeNull();
  });

  it('opens the file dialog with Enter, with Space and with a click', () => {
    setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const click = vi.spyOn(input, 'click').mockImplementation(() => {});
    const zone = screen.getByRole('button', { name: /Drop files/ });
    fireEvent.keyDown(zone, { key: 'Enter' });
    fireEvent.keyDown(zone, { key: ' ' });
    fireEvent.keyDown(zone, { key: 'a' });
    fireEvent.click(zone);
    expect(click).toHaveBeenCalledTimes(3);
  });

  it('passes every chosen file on, empty ones included, with its folder', async () => {
    const received = setup();
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const loose = new File(['hello'], 'a.txt', { type: 'text/plain' });
    const empty = new File([], 'empty.bin');
    Object.defineProperty(input, 'files', {
      value: [loose, empty, inFolder('r.pdf', 'scans/2024/r.pdf')],
    });
    fireEvent.change(input);
    await waitFor(() => expect(received).toHaveLength(1));
    expect(listed(received[0]!)).toEqual([
      ['a.txt', 5, ''],
      ['empty.bin', 0, ''],
      ['r.pdf', 1, 'scans/2024/'],
    ]);
  });

  it('takes dropped files with the folder paths they carry', async () => {
    const received = setup();
    const zone = screen.getByRole('button', { name: /Drop files/ });
    const files = [new File(['a'], 'a.txt'), inFolder('b.jpg', 'holiday/day 1/b.jpg')];
    fireEvent.drop(zone, {
      dataTransfer: {
        files,
        types: ['Files'],
        items: files.map((file) => ({
          kind: 'file',
          type: '',
          webkitGetAsEntry: () => null,
          getAsFile: () => file,
        })),
      },
    });
    await waitFor(() => expect(received).toHaveLength(1));
    expect(listed(received[0]!)).toEqual([
      ['a.txt', 1, ''],
      ['b.jpg', 1, 'holiday/day 1/'],
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
    await waitFor(() =>
      expect(zone.closest('.dropzone')!.hasAttribute('data-drag-active')).toBe(true),
    );
    expect(zone.textContent).toContain('Release to add these files');
  });

  it('has a folder button that opens a directory picker and keeps the paths', async () => {
    const received = setup();
    const folderInput = screen.getByTestId('folder-input') as HTMLInputElement;
    expect(folderInput.hasAttribute('webkitdirectory')).toBe(true);
    const click = vi.spyOn(folderInput, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Choose a folder' }));
    expect(click).toHaveBeenCalledTimes(1);

    Object.defineProperty(folderInput, 'files', {
      value: [inFolder('a.txt', 'project/a.txt'), inFolder('b.txt', 'project/src/b.txt')],
    });
    fireEvent.change(folderInput);
    await waitFor(() => expect(received).toHaveLength(1));
    expect(listed(received[0]!)).toEqual([
      ['a.txt', 1, 'project/'],
      ['b.txt', 1, 'project/src/'],
    ]);
  });

  it('offers the camera only when asked to, through an image input that captures', () => {
    setup();
    expect(screen.queryByRole('button', { name: 'Take a photo' })).toBeNull();
    expect(screen.queryByTestId('camera-input')).toBeNull();
  });

  it('opens the camera input on phones', () => {
    setup({ showCamera: true });
    const camera = screen.getByTestId('camera-input') as HTMLInputElement;
    expect(camera.accept).toBe('image/*');
    expect(camera.getAttribute('capture')).toBe('environment');
    const click = vi.spyOn(camera, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Take a photo' }));
    expect(click).toHaveBeenCalledTimes(1);
  });
});
