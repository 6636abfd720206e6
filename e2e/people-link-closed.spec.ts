/**
 * A link that ends while its page is open (issue 12, finding 8), on the real stack: revoked by
 * its owner through the admin API, or past its expiry. Whichever way the page learns it (an
 * upload's signing call, the person coming back to the page, the clock), it locks as an
 * expired link does: it says why in place of the dropzone, offers nothing to retry or pause,
 * no longer claims the link "does not expire", and keeps listing what arrived as done.
 */
import type { Page } from '@playwright/test';
import { startDemoHost } from '../demo-host/serve-demo-host';
import type { PortalEvent } from '../protocol/embed-messages';
import { test, expect } from './support/fixtures';
import { mintLink, revokeLink } from './support/admin';
import {
  chooseLanguage,
  dropFiles,
  openLink,
  row,
  setVisibility,
  type Language,
  expectFitsThePhone,
  shoot,
} from './people-helpers';

/** The page is locked: the reason shown, no way to add files, nothing to retry or pause. */
async function expectLocked(page: Page, code: 'link-revoked' | 'link-expired') {
  const notice = page.locator(`[data-link-closed="${code}"]`);
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
  await expect(page.getByTestId('file-input')).toHaveCount(0);
  await expect(page.getByText('This link does not expire.')).toHaveCount(0);
  await expect(page.getByText(/^Link valid for/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Retry|Pause|Resume/ })).toHaveCount(0);
}

test('revoked while open: the next upload meets it and the page locks, landed files stay done', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Soon withdrawn' });
  await openLink(page, link.url);
  await expect(page.getByText('This link does not expire.')).toBeVisible();
  await dropFiles(page, [{ name: 'landed.txt', text: 'landed' }]);
  await expect(row(page, 'landed.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  await revokeLink(stack, link.id);
  await dropFiles(page, [
    { name: 'late-1.txt', text: 'late one' },
    { name: 'late-2.txt', text: 'late two' },
  ]);
  await expectLocked(page, 'link-revoked');
  await expect(page.locator('[data-link-closed="link-revoked"]')).toContainText(
    'This upload link has been switched off by its owner.',
  );
  await expect(row(page, 'landed.txt')).toHaveAttribute('data-status', 'done');
  for (const name of ['late-1.txt', 'late-2.txt']) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'failed');
    await expect(row(page, name)).toContainText('switched off by its owner');
  }
  // The closing summary counts what arrived, with no "Retry failed" beneath it.
  await expect(page.getByTestId('upload-summary')).toContainText('1 file (');
  await expect(page.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
  // Pasting files into a locked page adds nothing.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['p'], 'pasted.txt'));
    const event = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: transfer });
    document.body.dispatchEvent(event);
  });
  await expect(row(page, 'pasted.txt')).toHaveCount(0);
});

test('revoked while the person was away: coming back to the page locks it before any drop', async ({
  page,
  stack,
}) => {
  await page.clock.install();
  const link = await mintLink(stack, { title: 'Withdrawn while away' });
  await openLink(page, link.url);
  await revokeLink(stack, link.id);
  await setVisibility(page, 'hidden');
  // Away for a while (the page looks again at most every 30 s), then back.
  await page.clock.fastForward('00:45');
  await setVisibility(page, 'visible');
  await expectLocked(page, 'link-revoked');
  await expect(page.getByTestId('file-row')).toHaveCount(0);
});

test('expired while open: the clock runs out, the page locks and keeps what arrived', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Brief', expiresInSeconds: 8 });
  await openLink(page, link.url);
  await expect(page.getByText(/^Link valid for/)).toBeVisible();
  await dropFiles(page, [{ name: 'in-time.txt', text: 'in time' }]);
  await expect(row(page, 'in-time.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expectLocked(page, 'link-expired');
  await expect(page.locator('[data-link-closed="link-expired"]')).toContainText(
    'This upload link has expired.',
  );
  await expect(row(page, 'in-time.txt')).toHaveAttribute('data-status', 'done');
});

test('embedded: a revoked link locks the frame and tells the host (link-error, not retryable)', async ({
  page,
  stack,
}) => {
  let linkId = '';
  const demo = await startDemoHost({
    portalUrl: stack.portalUrl,
    linkFor: async (origin) => {
      const link = await mintLink(stack, { title: 'Embedded', embedOrigins: [origin] });
      linkId = link.id;
      return link.url;
    },
  });
  try {
    await page.goto(demo.url);
    const frame = page.frameLocator('#upload iframe');
    await expect(frame.getByTestId('dropzone')).toBeVisible();
    await revokeLink(stack, linkId);
    await frame
      .getByTestId('file-input')
      .setInputFiles({ name: 'late.txt', mimeType: 'text/plain', buffer: Buffer.from('late') });
    await expect(frame.locator('[data-link-closed="link-revoked"]')).toBeVisible({
      timeout: 30_000,
    });
    await expect(frame.getByTestId('dropzone')).toHaveCount(0);
    const events = () =>
      page.evaluate(() => (window as unknown as { demoEvents: PortalEvent[] }).demoEvents);
    await expect
      .poll(async () => (await events()).filter((e) => e.type === 'link-error'))
      .toEqual([
        expect.objectContaining({ type: 'link-error', code: 'link-revoked', retryable: false }),
      ]);
  } finally {
    await demo.close();
  }
});

for (const language of ['en', 'zh-CN'] as Language[]) {
  test(`a locked page fits a 360 px phone, ${language}`, async ({ browser, stack }, info) => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const link = await mintLink(stack, { title: 'Soon withdrawn' });
    await openLink(page, link.url);
    await chooseLanguage(page, language);
    await dropFiles(page, [{ name: 'landed.txt', text: 'landed' }]);
    await expect(row(page, 'landed.txt')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await revokeLink(stack, link.id);
    await dropFiles(page, [{ name: 'late.txt', text: 'late' }]);
    const notice = page.locator('[data-link-closed="link-revoked"]');
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expectFitsThePhone(page, 'locked-phone');
    await notice.scrollIntoViewIfNeeded();
    await shoot(page, info, `locked-phone-${language}`);
    await context.close();
  });
}
