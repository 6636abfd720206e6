/**
 * The README's screenshots, made from the real stack: desktop, phone, Chinese and dark.
 * In a normal test run they go to the test's output folder (so this keeps working); with
 * SCREENSHOTS=1 (`npm run screenshots`) they replace docs/images/portal-*.png.
 *
 * The store is slowed to a modem's pace for large files (an emulator fault), so the pictures
 * show uploads in flight next to finished ones. Nothing here depends on CJK fonts being
 * installed: the Chinese screenshot is taken either way and checked by its text, not pixels.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import { launchStack, type LaunchedStack } from './support/launch-stack';
import { chooseLanguage, chooseTheme, openLink, row } from './people-helpers';

const DOCS_IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/images');
const KB = 1000;
const MB = 1000 * KB;

// One request body byte in 40 µs: a 6 MB video takes minutes, a 300 KB scan about ten seconds.
const SLOW_STORE = JSON.stringify({ put: { bandwidthBytesPerSec: 25 * KB } });

const SMALL = [
  { name: 'Signed contract.pdf', mimeType: 'application/pdf', size: 48 * KB },
  { name: 'Receipts March.pdf', mimeType: 'application/pdf', size: 36 * KB },
  { name: '报销单 2025.xlsx', mimeType: 'application/octet-stream', size: 22 * KB },
];
const LARGE = [
  { name: 'Site survey.mp4', mimeType: 'video/mp4', size: 6 * MB },
  { name: 'Floor plans.zip', mimeType: 'application/zip', size: 5 * MB },
  { name: 'IMG_0412.jpg', mimeType: 'image/jpeg', size: 3 * MB },
];

let stack: LaunchedStack;
let linkUrl: string;
let chineseLinkUrl: string;
let smallFilesLinkUrl: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await launchStack({ EMULATOR_FAULTS: SLOW_STORE });
  // Each valid for six days and five hours.
  const minted = async (title: string, message: string, maxFileSize: number) =>
    (await mintLink(stack, { title, message, maxFileSize, expiresInSeconds: 149 * 3600 })).url;
  const audit = 'Documents for the 2025 audit';
  const please = 'Please send the signed contract, receipts and the site survey. Thank you!';
  linkUrl = await minted(audit, please, 2000 * MB);
  chineseLinkUrl = await minted(
    '2025 年度审计资料',
    '请上传签字的合同、收据和现场勘查视频。谢谢！',
    2000 * MB,
  );
  smallFilesLinkUrl = await minted(audit, please, 5 * MB);
});

test.afterAll(async () => {
  await stack?.stop();
});

function target(testInfo: TestInfo, file: string): string {
  return process.env.SCREENSHOTS ? path.join(DOCS_IMAGES, file) : testInfo.outputPath(file);
}

function buffers(files: typeof SMALL) {
  return files.map(({ name, mimeType, size }) => ({
    name,
    mimeType,
    buffer: Buffer.alloc(size, name.length),
  }));
}

/** Small files arrive, large ones are on their way: the state most screenshots show. */
async function uploadMix(page: Page) {
  await page.getByTestId('file-input').setInputFiles(buffers([...SMALL, ...LARGE]));
  for (const { name } of SMALL) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  }
  await expect(row(page, LARGE[0]!.name)).toHaveAttribute('data-status', 'uploading');
  // Let the progress bars and speeds settle on real figures.
  await page.waitForTimeout(1_500);
}

async function shoot(page: Page, file: string, testInfo: TestInfo) {
  // The progress bars' glide would otherwise be caught mid-way.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.screenshot({ path: target(testInfo, file), fullPage: true, animations: 'disabled' });
  await testInfo.attach(file, { path: target(testInfo, file), contentType: 'image/png' });
}

test('desktop', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await openLink(page, linkUrl);
  await chooseTheme(page, 'light');
  await uploadMix(page);
  await shoot(page, 'portal-desktop.png', testInfo);
});

test('phone', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'light',
  });
  const page = await context.newPage();
  await openLink(page, linkUrl);
  await uploadMix(page);
  // A phone shows the camera for links that take photos.
  await expect(page.getByRole('button', { name: 'Take a photo' })).toBeVisible();
  // The uploads, as the person scrolls down to them after choosing files.
  await page.locator('.overall').evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.screenshot({ path: target(testInfo, 'portal-phone.png'), animations: 'disabled' });
  await context.close();
});

test('Chinese', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await openLink(page, `${chineseLinkUrl}?lang=zh-CN`);
  await chooseTheme(page, 'light');
  await expect(page.getByRole('button', { name: '拖放文件到此处，或选择文件上传' })).toBeVisible();
  await uploadMix(page);
  await expect(page.getByRole('heading', { name: '您的上传' })).toBeVisible();
  await shoot(page, 'portal-zh-cn.png', testInfo);
});

test('dark', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1100, height: 900 });
  // A finished session this time: the summary, and the one file the link's limit refused.
  await openLink(page, smallFilesLinkUrl);
  await chooseLanguage(page, 'en');
  await chooseTheme(page, 'dark');
  await page.getByTestId('file-input').setInputFiles(buffers([...SMALL, LARGE[0]!]));
  await expect(page.getByTestId('upload-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('rejections')).toContainText('1 file is larger than 5 MB.');
  await shoot(page, 'portal-dark.png', testInfo);
});
