/**
 * Choosing files on a 360 × 740 phone (issue 12, finding 10), in both languages: the progress
 * comes into view and takes the focus (a screen reader says where the files went), at once when
 * the person asked for reduced motion; the "Press Enter or Space" hint is not shown to fingers;
 * the toolbar under the totals fits the screen with every label on one line. Screenshots of
 * each state are kept with the test's results.
 */
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import {
  breakUploadsOf,
  chooseLanguage,
  openLink,
  row,
  type Language,
  shoot,
} from './people-helpers';

const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Every scrollIntoView call with its options, recorded in the page. */
async function recordScrolls(page: Page) {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { __scrolls: unknown[] }).__scrolls = calls;
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, options?: unknown) {
      calls.push({ className: this.className, options });
      return original.call(this, options as ScrollIntoViewOptions);
    };
  });
}
const scrolls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __scrolls: unknown[] }).__scrolls);

async function phonePage(browser: Browser, reducedMotion: 'reduce' | 'no-preference') {
  const context = await browser.newContext({ ...PHONE, reducedMotion });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await recordScrolls(page);
  return page;
}

/** What a person does on a phone: tap "Choose files", pick in the system's dialog. */
async function chooseFiles(page: Page, names: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('dropzone').click();
  await (
    await chooser
  ).setFiles(names.map((name) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(name) })));
}

/** Inside the 360 px screen, at least 44 px tall, and every label on a single line. */
async function expectOneLineEach(buttons: Locator, count: number) {
  await expect(buttons).toHaveCount(count);
  const boxes = await buttons.evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      // One line of text has one top, whatever the button's own height.
      const text = document.createRange();
      text.selectNodeContents(element);
      const tops = new Set(Array.from(text.getClientRects(), (rect) => Math.round(rect.top)));
      return {
        label: element.textContent,
        left: box.left,
        right: box.right,
        height: box.height,
        lines: tops.size,
        overflows: element.scrollWidth > element.clientWidth,
      };
    }),
  );
  for (const box of boxes) {
    expect(box.left, `${box.label} left edge`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${box.label} right edge`).toBeLessThanOrEqual(360);
    expect(box.height, `${box.label} height`).toBeGreaterThanOrEqual(44);
    expect(box.lines, `${box.label} lines`).toBe(1);
    expect(box.overflows, `${box.label} overflows`).toBe(false);
  }
}

const WORDS: Record<Language, { added: string; hint: RegExp }> = {
  en: { added: '3 files added', hint: /Press Enter or Space/ },
  'zh-CN': { added: '已添加 3 个文件', hint: /回车键或空格键/ },
};

for (const language of ['en', 'zh-CN'] as Language[]) {
  test(`360 × 740 phone, ${language}: no keyboard hint; choosing files brings the progress into view and says so`, async ({
    browser,
    stack,
  }, info) => {
    const link = await mintLink(stack, {
      title: 'Site visit files',
      message: 'Send everything from the site visit: photos, the measurements and the notes.',
    });
    const page = await phonePage(browser, 'no-preference');
    await openLink(page, link.url);
    await chooseLanguage(page, language);
    // Fingers have no Enter or Space key: no hint about them.
    await expect(page.getByText(WORDS[language].hint)).toHaveCount(0);
    await expect(page.locator('.dropzone__hint')).toHaveCount(0);
    await shoot(page, info, `phone-${language}-1-empty`);
    expect(await page.evaluate(() => scrollY)).toBe(0);

    await chooseFiles(page, ['one.txt', 'two.txt', 'three.txt']);
    await expect(page.locator('section.overall')).toBeInViewport();
    await expect(page.locator('#overall-title')).toBeFocused();
    // A smooth scroll: it may still be on its way when the section first shows.
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(300);
    expect(await scrolls(page)).toEqual([
      { className: 'overall', options: { behavior: 'smooth', block: 'start' } },
    ]);
    // Screen readers hear what happened too (the live region, a few seconds later).
    await expect(page.locator('[aria-live="polite"]')).toContainText(WORDS[language].added, {
      timeout: 10_000,
    });
    await shoot(page, info, `phone-${language}-2-after-intake`);
    await page.context().close();
  });

  test(`360 × 740 phone, ${language}: the buttons under the totals fit, one line each (toolbar, cancel question, summary)`, async ({
    browser,
    stack,
  }, info) => {
    const page = await phonePage(browser, 'no-preference');
    const store = new URL(stack.emulator!.url).origin;
    await breakUploadsOf(page, store, 'broken');
    // A file whose upload never ends, so the toolbar shows all its buttons at once.
    await page.route(`${store}/**`, async (route) =>
      route.request().method() === 'PUT' && route.request().url().includes('held')
        ? undefined
        : route.fallback(),
    );
    await openLink(page, stack.linkUrl);
    await chooseLanguage(page, language);
    await chooseFiles(page, ['done.txt', 'held.txt', 'broken.txt']);
    await expect(row(page, 'done.txt')).toHaveAttribute('data-status', 'done', {
      timeout: 30_000,
    });
    await expect(row(page, 'broken.txt')).toHaveAttribute('data-status', 'failed', {
      timeout: 30_000,
    });
    const overall = page.locator('section.overall');
    await expectOneLineEach(overall.locator(':scope > .toolbar > .button'), 4);
    await overall.scrollIntoViewIfNeeded();
    await shoot(page, info, `phone-${language}-3-toolbar`);

    // The question before cancelling everything, and the closing summary's two buttons.
    await overall.locator(':scope > .toolbar > .button').last().click();
    await expectOneLineEach(overall.locator('.confirm .toolbar > .button'), 2);
    await shoot(page, info, `phone-${language}-4-confirm`);
    await overall.locator('.confirm .button--danger').click();
    await expect(page.getByTestId('upload-summary')).toBeVisible();
    await expectOneLineEach(page.getByTestId('upload-summary').locator('.toolbar > .button'), 2);
    await page.getByTestId('upload-summary').scrollIntoViewIfNeeded();
    await shoot(page, info, `phone-${language}-5-summary`);
    await page.context().close();
  });
}

test('with reduced motion the progress comes into view at once, not animated', async ({
  browser,
  stack,
}) => {
  const page = await phonePage(browser, 'reduce');
  await openLink(page, stack.linkUrl);
  await chooseFiles(page, ['a.txt', 'b.txt']);
  await expect(page.locator('section.overall')).toBeInViewport();
  expect(await scrolls(page)).toEqual([
    { className: 'overall', options: { behavior: 'auto', block: 'start' } },
  ]);
  await page.context().close();
});

test('on a desktop the hint stays and the page does not move after choosing files', async ({
  page,
  stack,
}) => {
  await recordScrolls(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openLink(page, stack.linkUrl);
  await expect(page.getByText(/Press Enter or Space to choose files/)).toBeVisible();
  await page.getByTestId('file-input').setInputFiles({
    name: 'desk.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('desk'),
  });
  await expect(row(page, 'desk.txt')).toBeVisible();
  expect(await scrolls(page)).toEqual([]);
  await expect(page.getByTestId('dropzone')).not.toBeFocused();
});
