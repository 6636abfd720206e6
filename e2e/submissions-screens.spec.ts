/**
 * Every new screen of issue 15 at 360 px (a small phone) and on a desktop, in English and
 * Chinese: the password, details and terms gates, Finish, the receipt, and on /admin the
 * create form's submission settings with their problems and a submission's files. On each:
 * nothing wider than the screen (no sideways scrolling), and axe clean in both languages on
 * the phone; the printed receipt shows the receipt alone. The screenshots go to the test's
 * output folder, to look at.
 */
import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { mintLink } from './support/admin';
import { expectAxeClean } from './support/axe';
import { expect, test } from './support/fixtures';
import type { StackInfo } from './support/launch-stack';
import { chooseLanguage, dropFiles, row, type Language } from './people-helpers';

const SCREENS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

/** Overflow check, screenshot, in both languages; axe too on the phone. */
async function look(page: Page, testInfo: TestInfo, screen: string, state: string) {
  const languages: Language[] = ['en', 'zh-CN'];
  for (const language of languages) {
    await chooseLanguage(page, language);
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      // What sticks out past the screen's edge, except inside a box that scrolls on its own.
      const scrolls = (el: HTMLElement) => getComputedStyle(el).overflowX !== 'visible';
      const over = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        const position = getComputedStyle(el).position;
        if (position === 'fixed') return false;
        // A placed box is clipped only by the scrolling boxes from the one it is placed in up.
        const placedIn = position === 'absolute' ? el.offsetParent : el.parentElement;
        let clipping = false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          clipping ||= up === placedIn;
          if (clipping && scrolls(up)) return false;
        }
        return true;
      });
      return {
        scroll: document.documentElement.scrollWidth - width,
        over: over.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      };
    });
    expect(wide, `${state} (${screen}, ${language}) fits the screen`).toEqual({
      scroll: 0,
      over: [],
    });
    await page.screenshot({
      path: testInfo.outputPath(`${state}-${screen}-${language}.png`),
      fullPage: true,
    });
  }
  if (screen === 'phone') await expectAxeClean(page, `${state} at 360 px`);
  await chooseLanguage(page, 'en');
}

async function openAdmin(page: Page, stack: StackInfo, query: string) {
  await page.goto(`${stack.portalUrl}/admin?${query}`);
  await page.getByTestId('admin-token').fill(stack.adminToken);
  await page.getByTestId('admin-token').press('Enter');
  await expect(page.getByTestId('admin-links')).toBeVisible();
}

for (const screen of SCREENS) {
  test(`the new screens at ${screen.width} px`, async ({ browser, stack }, testInfo) => {
    // Two languages, a screenshot and (on the phone) axe twice for each of eight screens.
    test.setTimeout(300_000);
    const context = await browser.newContext({
      viewport: { width: screen.width, height: screen.height },
      ...(screen.name === 'phone' ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    const link = await mintLink(stack, {
      title: `Theses of the spring term ${screen.name}`,
      message: 'Send your thesis and its appendices as one folder.',
      ask: ['name', 'email', 'organisation'],
      fields: [
        { label: 'Student ID', type: 'text', required: true },
        { label: 'Faculty', type: 'select', required: false, options: ['Arts', 'Science'] },
        { label: 'I agree to publication', type: 'checkbox', required: false },
      ],
      password: 'blue river 42',
      terms:
        'I wrote this thesis myself.\n\nThe university keeps it for ten years and may show it to examiners.',
      folderTemplate: '{date}/{email}/',
    });
    await page.goto(`${link.url}?lang=en`);
    await page.getByTestId('gate-password').fill('red river');
    await page.getByTestId('gate-password').press('Enter');
    await expect(page.getByTestId('gate-password-message')).toBeVisible();
    await look(page, testInfo, screen.name, 'gate-password');
    await page.getByTestId('gate-password').fill('blue river 42');
    await page.getByTestId('gate-password').press('Enter');

    const details = page.getByTestId('details-form');
    await details.getByLabel('Name').fill('Ana Li');
    await details.getByLabel('Email').fill('ana@');
    await page.getByTestId('gate-continue').click();
    await expect(page.getByTestId('details-problems')).toBeVisible();
    await look(page, testInfo, screen.name, 'gate-details');
    await details.getByLabel('Email').fill('ana@example.com');
    await details.getByLabel('Organisation').fill('Faculty of Arts, University of the North');
    await details.getByLabel(/^Student ID/).fill('S-2026-042');
    await page.getByTestId('gate-continue').click();

    await expect(page.getByTestId('terms-text')).toBeVisible();
    await look(page, testInfo, screen.name, 'gate-terms');
    await page.getByTestId('terms-accept').check();
    await page.getByTestId('gate-continue').click();

    await dropFiles(page, [
      { name: 'thesis.txt', text: 'The thesis.\n', size: 4000 },
      { name: 'appendix with a rather long name for a small phone screen.csv', text: 'a,b\n' },
    ]);
    await expect(row(page, 'thesis.txt')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('finish')).not.toHaveAttribute('aria-disabled', 'true', {
      timeout: 30_000,
    });
    await look(page, testInfo, screen.name, 'finish');
    await page.getByTestId('finish').click();
    await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'closed');
    const submissionId = (await page.getByTestId('receipt-id').textContent())!;
    await look(page, testInfo, screen.name, 'receipt');
    // Printed: the receipt alone, without the page around it or its buttons, in each language.
    for (const language of ['en', 'zh-CN'] as const) {
      await chooseLanguage(page, language);
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('receipt-files')).toBeVisible();
      await expect(page.getByTestId('receipt-download')).toBeHidden();
      await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
      await page.screenshot({
        path: testInfo.outputPath(`receipt-print-${screen.name}-${language}.png`),
        fullPage: true,
      });
      await page.emulateMedia({ media: 'screen' });
    }
    // Saved in Chinese: a page of its own, in Chinese.
    await chooseLanguage(page, 'zh-CN');
    const saving = page.waitForEvent('download');
    await page.getByTestId('receipt-download').click();
    const html = readFileSync((await (await saving).path())!, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('已存储并校验');
    expect(html).toContain(submissionId);
    await chooseLanguage(page, 'en');

    // The owner: the create form's submission settings with their problems, a submission.
    const owner = await context.newPage();
    await openAdmin(owner, stack, `lang=en&link=${link.id}&submission=${submissionId}`);
    await expect(owner.getByTestId('submission-detail')).toBeVisible();
    // The button that shows a submission's files is where the eye starts, on a phone too:
    // not at the end of a row that scrolls sideways inside its box.
    const show = await owner.getByTestId('submission-show').first().boundingBox();
    expect(show!.x + show!.width).toBeLessThanOrEqual(screen.width);
    await look(owner, testInfo, screen.name, 'admin-submission');
    const settings = owner.getByTestId('submission-settings');
    await settings.getByTestId('add-field').click();
    await settings.getByLabel('Answer type').selectOption('select');
    await settings.getByLabel(/^Password/).fill('abc');
    await settings.getByLabel(/^Folder for each submission/).fill('{date}//{phone}/');
    await owner.getByTestId('create-link').click();
    await expect(settings.getByTestId('issue-folderTemplate')).toBeVisible();
    await settings.scrollIntoViewIfNeeded();
    await look(owner, testInfo, screen.name, 'admin-create-problems');
    await context.close();
  });
}
