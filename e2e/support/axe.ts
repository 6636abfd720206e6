/**
 * Axe on the page as it is, in each language asked for (switched through the page's own
 * language menu): every rule axe has, WCAG 2.2 AA and best practice alike.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseLanguage, type Language } from '../people-helpers';
import { expect } from './fixtures';

/** What axe finds on the page as it is now, a line per rule: its id, impact and the elements. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(' | ')}`,
  );
}

export async function expectAxeClean(
  page: Page,
  state: string,
  languages: readonly Language[] = ['en', 'zh-CN'],
): Promise<void> {
  // Colours mid-transition would be measured half-way between two states.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const language of languages) {
    await chooseLanguage(page, language);
    expect(await axeViolations(page), `axe in state "${state}", ${language}`).toEqual([]);
  }
}

/** Presses Tab until `target` has the focus, as a keyboard user gets there (at most `max`). */
export async function tabTo(
  page: Page,
  target: ReturnType<Page['locator']>,
  max = 25,
): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, `reached with at most ${max} Tab presses`).toBeFocused();
}
