/**
 * WCAG 2.2 AA, checked by axe on every main state of the upload page (empty, uploading, with
 * errors, finished, link expired) in both languages and both themes; and a whole upload done
 * from the keyboard alone, from the first Tab to the list of keys.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import { axeViolations } from './support/axe';
import { listKeys } from './support/cos';
import {
  chooseLanguage,
  chooseTheme,
  dropFiles,
  holdUploads,
  openLink,
  row,
  type Language,
  type Theme,
  breakUploadsOf,
} from './people-helpers';

const COMBINATIONS: Array<[Language, Theme]> = [
  ['en', 'light'],
  ['en', 'dark'],
  ['zh-CN', 'light'],
  ['zh-CN', 'dark'],
];

/** Axe in each language and theme; every rule axe has, WCAG 2.2 AA and best practice alike. */
async function expectAccessible(page: Page, state: string) {
  // Colours mid-transition would be measured half-way between two themes.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const [language, theme] of COMBINATIONS) {
    await chooseLanguage(page, language);
    await chooseTheme(page, theme);
    expect(await axeViolations(page), `axe in state "${state}", ${language}, ${theme}`).toEqual([]);
  }
}

test('empty: a fresh upload link', async ({ page, stack }) => {
  await openLink(page, stack.linkUrl);
  await expectAccessible(page, 'empty');
});

test('uploading: files on their way', async ({ page, stack }) => {
  const held = await holdUploads(page, new URL(stack.emulator!.url).origin);
  await openLink(page, stack.linkUrl);
  await dropFiles(page, [
    { name: 'report.pdf', text: 'report', size: 40_000, type: 'application/pdf' },
    { name: 'photo.jpg', text: 'photo', size: 80_000, type: 'image/jpeg' },
    { name: 'notes.txt', text: 'notes', folder: 'meeting/' },
  ]);
  await expect(row(page, 'report.pdf')).toHaveAttribute('data-status', 'uploading');
  await expectAccessible(page, 'uploading');
  held.release();
});

test('with errors: refused files, a failed upload, skipped junk and a duplicate question', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Small files only', maxFileSize: 1000 });
  // The store refuses one file's upload.
  await breakUploadsOf(page, new URL(stack.emulator!.url).origin, 'broken');
  await openLink(page, link.url);
  await dropFiles(page, [
    { name: 'fine.txt', text: 'fine' },
    { name: 'broken.txt', text: 'broken' },
    { name: 'huge.iso', text: 'x', size: 4096 },
    { name: 'bigger.iso', text: 'y', size: 8192 },
    { name: '.DS_Store', text: 'junk' },
  ]);
  await expect(row(page, 'fine.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'broken.txt')).toHaveAttribute('data-status', 'failed', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('rejections')).toContainText('2 files are larger than 1 kB.');
  await expect(page.getByTestId('intake-notice')).toBeVisible();
  // The same file once more (same name, size, date): the page asks.
  await dropFiles(page, [{ name: 'fine.txt', text: 'fine' }]);
  await expect(page.getByTestId('duplicates-question')).toBeVisible();
  await expectAccessible(page, 'with errors');

  // And the refused files, shown by their reason.
  await chooseLanguage(page, 'en');
  await page.getByRole('button', { name: 'Show which' }).click();
  await expect(page.getByRole('region', { name: /^Files: 2 files are larger/ })).toBeVisible();
  await expectAccessible(page, 'with errors, refused files shown');
});

test('finished: the summary and the list of keys', async ({ page, stack }) => {
  await openLink(page, stack.linkUrl);
  await dropFiles(page, [
    { name: 'a.txt', text: 'a' },
    { name: 'b.txt', text: 'b' },
  ]);
  await expect(page.getByTestId('upload-summary')).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'finished');
});

test('link expired: on opening, and while the page is open', async ({ page, stack }) => {
  const link = await mintLink(stack, { title: 'Brief', expiresInSeconds: 4 });
  await openLink(page, link.url);
  // The countdown runs out in front of the person: the page says so and takes no more files.
  await expect(page.locator('[data-link-closed="link-expired"]')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
  await expectAccessible(page, 'link expired while open');

  await page.reload();
  await expect(page.locator('[data-link-error="link-expired"]')).toBeVisible();
  await expectAccessible(page, 'link expired');
});

test('keyboard only: from the first Tab to the files done and the list of keys saved', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Keyboard' });
  await page.goto(link.url);
  await expect(page.getByTestId('dropzone')).toBeVisible();

  // Tab through the page until the dropzone has the focus, seeing the focus on the way.
  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const style = element ? getComputedStyle(element) : null;
      return {
        // Past the last control the focus leaves the page (to the body, or nowhere).
        left: !element || element === document.body,
        testId: element?.dataset.testid ?? null,
        text: element?.textContent?.trim() ?? '',
        outline: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
      };
    });
  let now = await focused();
  for (let presses = 0; now.testId !== 'dropzone'; presses++) {
    expect(presses, 'Tab presses to reach the dropzone').toBeLessThan(10);
    await page.keyboard.press('Tab');
    now = await focused();
    // Every stop shows where the focus is.
    expect(now.outline, `focus ring on "${now.text}"`).toMatch(/^solid [1-9]/);
  }

  // Space opens the file dialog; so does Enter.
  let chooser = page.waitForEvent('filechooser');
  await page.keyboard.press(' ');
  await (
    await chooser
  ).setFiles({
    name: 'first.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('first'),
  });
  chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (
    await chooser
  ).setFiles({
    name: 'second.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('second'),
  });
  await expect(row(page, 'first.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'second.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  // On to "Download list (CSV)" with Tab alone, and Enter saves it.
  for (let presses = 0; now.text !== 'Download list (CSV)'; presses++) {
    expect(presses, 'Tab presses to reach the download').toBeLessThan(20);
    await page.keyboard.press('Tab');
    now = await focused();
    expect(now.outline, `focus ring on "${now.text}"`).toMatch(/^solid [1-9]/);
  }
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = await (await download).path();
  const csv = readFileSync(saved, 'utf8');
  const keys = await listKeys(stack, `uploads/${link.id}/`);
  expect(keys).toHaveLength(2);
  for (const key of keys) expect(csv).toContain(key);
  expect(csv.split('\r\n')[0]).toBe('\ufeffname,folder,size_bytes,key,crc64,finished_at');

  // The rest of the page from the keyboard: every stop shows its focus, and the filters work.
  for (let presses = 0; !now.text.startsWith('Done'); presses++) {
    expect(presses, 'Tab presses to reach the "Done" filter').toBeLessThan(20);
    await page.keyboard.press('Tab');
    now = await focused();
    expect(now.outline, `focus ring on "${now.text}"`).toMatch(/^solid [1-9]/);
  }
  await page.keyboard.press(' ');
  await expect(page.locator('[data-filter="done"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Files: Done' })).toBeVisible();
  for (let presses = 0; presses < 8; presses++) {
    await page.keyboard.press('Tab');
    now = await focused();
    if (now.left) break;
    expect(now.outline, `focus ring on "${now.text.slice(0, 40)}"`).toMatch(/^solid [1-9]/);
  }
});
