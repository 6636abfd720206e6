/**
 * A link with no room left, and one with little (issue 12, finding 9), on the real stack: the
 * page says the link is full before anyone drops (files or bytes), instead of a dropzone that
 * refuses every file; with room left it says how much; a file that does not fit says how much
 * remains rather than that the allowance "is used up". Sizes are written with the portal's own
 * formatter, so the expectations follow its unit convention.
 */
import { createTranslator } from '../src/i18n/create-translator';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import {
  chooseLanguage,
  dropFiles,
  openLink,
  row,
  type Language,
  expectFitsThePhone,
  shoot,
} from './people-helpers';

const en = createTranslator('en');

test('full of files: said before anyone drops, also on a fresh visit', async ({ page, stack }) => {
  const link = await mintLink(stack, { title: 'One file only', maxFiles: 1 });
  await openLink(page, link.url);
  await dropFiles(page, [{ name: 'only.txt', text: 'only' }]);
  await expect(row(page, 'only.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const full = page.getByTestId('link-full');
  await expect(full).toHaveAttribute('data-full', 'files');
  await expect(full).toContainText('This link is full');
  await expect(page.getByTestId('dropzone')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('link-full')).toHaveAttribute('data-full', 'files');
  await expect(page.getByTestId('link-full')).toContainText('It accepts 1 file');
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
  await expect(page.getByText('Drop files or folders here')).toHaveCount(0);
});

test('little room left: how much, what does not fit and why, then full of bytes', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'A small allowance', maxTotalBytes: 100_000 });
  await openLink(page, link.url);
  await dropFiles(page, [{ name: 'first.bin', text: 'a', size: 61_000 }]);
  await expect(row(page, 'first.bin')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('room-left')).toHaveText(`Room left: ${en.bytes(39_000)}`);

  await dropFiles(page, [{ name: 'too-big.bin', text: 'b', size: 50_000 }]);
  await expect(row(page, 'too-big.bin')).toHaveAttribute('data-status', 'rejected');
  await expect(row(page, 'too-big.bin')).toContainText(
    `Room left: ${en.bytes(39_000)} of ${en.bytes(100_000)}`,
  );
  await expect(row(page, 'too-big.bin')).not.toContainText('used up');
  await expect(page.getByTestId('rejections')).toContainText(
    `1 file does not fit: ${en.bytes(39_000)} of the ${en.bytes(100_000)} this link accepts is left.`,
  );

  // The rest fits exactly; then the link is full, and says so on a fresh visit too.
  await dropFiles(page, [{ name: 'rest.bin', text: 'c', size: 39_000 }]);
  await expect(row(page, 'rest.bin')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('link-full')).toHaveAttribute('data-full', 'bytes');
  await page.reload();
  await expect(page.getByTestId('link-full')).toHaveAttribute('data-full', 'bytes');
  await expect(page.getByTestId('link-full')).toContainText(en.bytes(100_000));
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
});

for (const language of ['en', 'zh-CN'] as Language[]) {
  test(`a full link fits a 360 px phone, ${language}`, async ({ browser, stack }, info) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const link = await mintLink(stack, { title: 'Two files', maxFiles: 2 });
    await openLink(page, link.url);
    await chooseLanguage(page, language);
    await dropFiles(page, [
      { name: 'one.txt', text: 'one' },
      { name: 'two.txt', text: 'two' },
    ]);
    await expect(row(page, 'two.txt')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    const full = page.getByTestId('link-full');
    await expect(full).toHaveAttribute('data-full', 'files');
    await expectFitsThePhone(page, 'full-phone');
    await full.scrollIntoViewIfNeeded();
    await shoot(page, info, `full-phone-${language}`);
    await context.close();
  });
}
