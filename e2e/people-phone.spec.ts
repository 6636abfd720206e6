/**
 * Phones: usable from 360 px wide (no sideways scrolling in any state, in either language),
 * touch targets of at least 44 × 44 px, the camera offered where the link takes photos, and
 * uploads that pause cleanly when the page goes to the background and continue on return
 * (only what the page itself paused: a file the person paused stays paused).
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import {
  chooseLanguage,
  dropFiles,
  holdUploads,
  openLink,
  row,
  setVisibility,
  type Language,
  breakUploadsOf,
  expectFitsThePhone,
} from './people-helpers';

const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

for (const language of ['en', 'zh-CN'] as Language[]) {
  test(`360 px wide, ${language}: no sideways scrolling and big targets in every state`, async ({
    browser,
    stack,
  }) => {
    const link = await mintLink(stack, {
      title: 'A rather long title for an upload link, to see it wrap on a small screen',
      message: 'Send everything from the site visit: photos, the measurements and the notes.',
      maxFileSize: 2048,
    });
    const page = await phonePage(browser);
    await openLink(page, link.url);
    await chooseLanguage(page, language);
    await expectFitsThePhone(page, 'empty');

    await breakUploadsOf(page, new URL(stack.emulator!.url).origin, 'broken');
    await dropFiles(page, [
      {
        name: 'a-very-long-file-name-without-any-spaces-from-a-scanner-2025-03-14-0001.pdf',
        text: 'scan',
        folder: 'site-visit-2025/measurements-and-notes-from-the-second-floor/',
      },
      { name: '现场照片和测量记录以及第二层楼的所有笔记（最终版本）.jpg', text: 'photo' },
      { name: 'broken.txt', text: 'broken' },
      { name: 'too-big.mov', text: 'm', size: 4096 },
      { name: '.DS_Store', text: 'junk' },
    ]);
    await expect(row(page, 'broken.txt')).toHaveAttribute('data-status', 'failed', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('upload-summary')).toBeVisible({ timeout: 30_000 });
    await expectFitsThePhone(page, 'files, errors and the summary');

    await page.locator('[data-filter="rejected"]').click();
    await expectFitsThePhone(page, 'refused files shown');
    await page.context().close();
  });
}

test('the camera is offered on phones where the link takes photos, not elsewhere', async ({
  browser,
  stack,
}) => {
  const page = await phonePage(browser);
  await openLink(page, stack.linkUrl);
  await expect(page.getByRole('button', { name: 'Take a photo' })).toBeVisible();
  const camera = page.getByTestId('camera-input');
  await expect(camera).toHaveAttribute('accept', 'image/*');
  await expect(camera).toHaveAttribute('capture', 'environment');
  // What the camera hands back is uploaded like any other file.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Take a photo' }).click();
  await (
    await chooser
  ).setFiles({ name: 'image.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('jpeg') });
  await expect(row(page, 'image.jpg')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  const pdfOnly = await mintLink(stack, { title: 'PDF only', allowedTypes: ['application/pdf'] });
  await openLink(page, pdfOnly.url);
  await expect(page.getByRole('button', { name: 'Choose a folder' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take a photo' })).toHaveCount(0);
  await page.context().close();
});

test('on a phone, uploads pause in the background and continue on return', async ({
  browser,
  stack,
}) => {
  const page = await phonePage(browser);
  const held = await holdUploads(page, new URL(stack.emulator!.url).origin);
  await openLink(page, stack.linkUrl);
  await dropFiles(page, [
    { name: 'one.txt', text: 'one' },
    { name: 'two.txt', text: 'two' },
    { name: 'mine.txt', text: 'mine' },
  ]);
  for (const name of ['one.txt', 'two.txt', 'mine.txt']) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'uploading');
  }
  // The person pauses one file themselves.
  await row(page, 'mine.txt').getByRole('button', { name: 'Pause mine.txt' }).click();
  await expect(row(page, 'mine.txt')).toHaveAttribute('data-status', 'paused');

  await setVisibility(page, 'hidden');
  await expect(row(page, 'one.txt')).toHaveAttribute('data-status', 'paused');
  await expect(row(page, 'two.txt')).toHaveAttribute('data-status', 'paused');

  await setVisibility(page, 'visible');
  held.release();
  await expect(row(page, 'one.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'two.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // Not the page's to resume: the person paused it.
  await expect(row(page, 'mine.txt')).toHaveAttribute('data-status', 'paused');
  await row(page, 'mine.txt').getByRole('button', { name: 'Resume mine.txt' }).click();
  await expect(row(page, 'mine.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await page.context().close();
});

test('on a desktop, a tab in the background keeps uploading', async ({ page, stack }) => {
  const held = await holdUploads(page, new URL(stack.emulator!.url).origin);
  await openLink(page, stack.linkUrl);
  await dropFiles(page, [{ name: 'desk.txt', text: 'desk' }]);
  await expect(row(page, 'desk.txt')).toHaveAttribute('data-status', 'uploading');
  await setVisibility(page, 'hidden');
  held.release();
  await expect(row(page, 'desk.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
});
