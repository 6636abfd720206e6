/**
 * A Chinese reader sees Chinese only: every state of a whole session rendered in zh-CN (files
 * done, refused by reason, failed, junk skipped, the duplicate question, the summary) and no
 * English word left on the page or in what assistive technology reads out. What legitimately
 * stays Latin: the people's own file names, unit symbols (kB, MB), format names (PDF, CSV),
 * request ids and the language switch's "English".
 */
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import { breakUploadsOf, dropFiles, openLink, row } from './people-helpers';

const FILE_NAMES = ['report.pdf', 'broken.txt', 'huge.iso', 'bigger.iso', '.DS_Store'];
/** Latin that is the same in every language. */
const SHARED = /\b(?:[kKMGTP]?B|bytes?|PDF|CSV|URL|ID|CRC64|ETag|COS|English)\b/g;

/** Every text a person may see or hear: visible text, names, descriptions, values. */
function collectTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Request ids are opaque tokens from the server, not words.
      if (parent?.closest('.file-row__request-id, script, style, noscript')) continue;
      texts.push(node.textContent ?? '');
    }
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of ['aria-label', 'aria-valuetext', 'title', 'alt', 'placeholder']) {
        const value = element.getAttribute(attribute);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

function englishLeft(texts: string[]): string[] {
  return texts
    .map((text) => {
      let rest = text;
      for (const name of FILE_NAMES) rest = rest.split(name).join(' ');
      return rest.replace(SHARED, ' ');
    })
    .filter((rest) => /[A-Za-z]{2,}/.test(rest));
}

test('zh-CN renders a whole session with no English left', async ({ page, stack }) => {
  const link = await mintLink(stack, {
    title: '审计资料',
    message: '请上传签字的合同和收据。谢谢！',
    maxFileSize: 1000,
    expiresInSeconds: 3 * 24 * 3600,
  });
  await breakUploadsOf(page, new URL(stack.emulator!.url).origin, 'broken');

  await openLink(page, `${link.url}?lang=zh-CN`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(englishLeft(await collectTexts(page)), 'the empty page').toEqual([]);

  await dropFiles(page, [
    { name: 'report.pdf', text: '%PDF', type: 'application/pdf' },
    { name: 'broken.txt', text: 'broken' },
    { name: 'huge.iso', text: 'x', size: 4096 },
    { name: 'bigger.iso', text: 'y', size: 8192 },
    { name: '.DS_Store', text: 'junk' },
  ]);
  await expect(row(page, 'report.pdf')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(row(page, 'broken.txt')).toHaveAttribute('data-status', 'failed', {
    timeout: 30_000,
  });
  await dropFiles(page, [{ name: 'report.pdf', text: '%PDF', type: 'application/pdf' }]);
  await expect(page.getByTestId('duplicates-question')).toContainText('要再上传一份吗？');
  await expect(page.getByTestId('upload-summary')).toContainText('已完成');
  await expect(page.getByTestId('rejections')).toContainText('2 个文件超过了 1 kB。');
  // The live region has had time to speak (it summarises every few seconds).
  await expect(page.locator('[aria-live="polite"]').last()).toContainText('个', {
    timeout: 10_000,
  });

  expect(englishLeft(await collectTexts(page)), 'the page after a session').toEqual([]);

  // The refused files, shown by reason, and a filter that shows nothing.
  await page.getByRole('button', { name: '查看是哪些' }).click();
  await page.getByRole('button', { name: /^进行中/ }).click();
  await expect(page.getByText('目前这里没有文件。')).toBeVisible();
  expect(englishLeft(await collectTexts(page)), 'the filtered views').toEqual([]);
});
