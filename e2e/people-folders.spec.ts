/**
 * Folders and the other ways in: a folder dropped from the desktop (a real drag of a real
 * directory, through Chromium's input pipeline), the folder picker, paste, and the question
 * about a file added twice. The keys in the emulator must keep each file's folder path under
 * the link's prefix; operating-system junk must be skipped and the person told.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import { listKeys, objectsByName } from './support/cos';
import { openLink, row } from './people-helpers';

let root: string;

/** A project folder as people have them, junk included. */
function makeFolder(): string {
  const project = path.join(root, 'project');
  const files: Record<string, string> = {
    'README.md': '# Project\n',
    'src/main.ts': 'console.log(1);\n',
    'src/deep/util.ts': 'export {};\n',
    '报告/第一季度.txt': '一季度\n',
    '.DS_Store': 'junk',
    'src/Thumbs.db': 'junk',
    '__MACOSX/._README.md': 'junk',
  };
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), body);
  }
  return project;
}

const REAL_FILES = [
  ['README.md', 'project/'],
  ['main.ts', 'project/src/'],
  ['util.ts', 'project/src/deep/'],
  ['第一季度.txt', 'project/报告/'],
] as const;

test.beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'people-folders-'));
});

test.afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function expectFolderLanded(
  page: Page,
  stack: Parameters<typeof listKeys>[0],
  id: string,
  junk: string[],
) {
  for (const [name] of REAL_FILES) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  }
  // Each row names its folder.
  await expect(row(page, 'util.ts')).toContainText('project/src/deep/');

  // Junk is skipped and the person is told which.
  const notice = page.getByTestId('intake-notice');
  await expect(notice).toContainText(`Skipped ${junk.length} system files`);
  for (const name of junk) await expect(notice).toContainText(name);
  await expect(page.getByTestId('file-row')).toHaveCount(REAL_FILES.length);

  // The bucket keeps the folder paths under the link's own prefix (in the visit's submission
  // folder), and holds no junk.
  const keys = await listKeys(stack, `uploads/${id}/`);
  expect(keys).toHaveLength(REAL_FILES.length);
  for (const [name, folder] of REAL_FILES) {
    const key = keys.find((candidate) => candidate.endsWith(`-${name}`));
    expect(key, `key of ${folder}${name}`).toBeDefined();
    expect(key, key).toMatch(new RegExp(`^uploads/${id}/[A-Za-z0-9_-]+/${folder}`));
  }
}

test('a folder dragged onto the page uploads recursively and keeps its paths', async ({
  page,
  stack,
}) => {
  const folder = makeFolder();
  const link = await mintLink(stack, { title: 'Folder drop' });
  await openLink(page, link.url);

  // A real drag of a directory: Chromium hands the page a directory entry to walk.
  const zone = (await page.getByTestId('dropzone').boundingBox())!;
  const at = { x: zone.x + zone.width / 2, y: zone.y + zone.height / 2 };
  const data = { items: [], files: [folder], dragOperationsMask: 1 };
  const cdp = await page.context().newCDPSession(page);
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  }

  // Chromium itself leaves Windows' Thumbs.db out of a dragged folder; the Mac junk arrives.
  await expectFolderLanded(page, stack, link.id, ['.DS_Store', '._README.md']);
});

test('the folder button picks a whole folder the same way', async ({ page, stack }) => {
  const folder = makeFolder();
  const link = await mintLink(stack, { title: 'Folder picker' });
  await openLink(page, link.url);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a folder' }).click();
  await (await chooser).setFiles(folder);

  await expectFolderLanded(page, stack, link.id, ['.DS_Store', 'Thumbs.db', '._README.md']);
});

test('a file pasted anywhere on the page is uploaded', async ({ page, stack }) => {
  const link = await mintLink(stack, { title: 'Paste' });
  await openLink(page, link.url);
  // What the browser delivers for Ctrl+V of a screenshot: a paste event carrying a file.
  await page.locator('body').evaluate((body) => {
    const clipboard = new DataTransfer();
    clipboard.items.add(new File(['PNG pasted'], 'image.png', { type: 'image/png' }));
    body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
  });
  await expect(row(page, 'image.png')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const stored = await objectsByName(stack, `uploads/${link.id}/`);
  expect(stored.get('image.png')?.[0]?.body.toString()).toBe('PNG pasted');
});

test('the same file picked twice is not sent twice unless the person says so', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Twice' });
  await openLink(page, link.url);
  const file = path.join(root, 'minutes.txt');
  writeFileSync(file, 'minutes of the meeting\n');
  // Through the file dialog, as a person picks a file again.
  const pick = async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('dropzone').click();
    await (await chooser).setFiles(file);
  };

  await pick();
  await expect(row(page, 'minutes.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  // Same name, size, date and folder: asked, and "skip" sends nothing.
  await pick();
  const question = page.getByTestId('duplicates-question');
  await expect(question).toContainText('1 file was already added on this page: minutes.txt.');
  await expect(question.getByRole('button', { name: 'Skip it' })).toBeFocused();
  await question.getByRole('button', { name: 'Skip it' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByTestId('file-row')).toHaveCount(1);

  // Asked again, "upload it again" sends a second copy.
  await pick();
  await page.getByRole('button', { name: 'Upload it again' }).click();
  await expect(page.getByTestId('file-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="file-row"][data-status="done"]')).toHaveCount(2, {
    timeout: 30_000,
  });
  const stored = await objectsByName(stack, `uploads/${link.id}/`);
  expect(stored.get('minutes.txt')).toHaveLength(2);
});
