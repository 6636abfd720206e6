/**
 * Reading the portal the way a person does. The file list is virtualised (only a screenful of
 * rows exists in the DOM), so "all files verified" is read from the closing summary, which
 * the page shows once nothing is active.
 */
import { expect, type Page } from '@playwright/test';

export function fileRow(page: Page, name: string) {
  return page.locator(`[data-testid="file-row"][data-file-name="${name}"]`);
}

/** Every one of `count` files arrived and was verified (no failure, nothing left active). */
export async function expectAllVerified(page: Page, count: number, timeout: number): Promise<void> {
  const summary = page.getByTestId('upload-summary');
  await expect(summary).toHaveAttribute('data-outcome', 'complete', { timeout });
  await expect(summary).toContainText(count === 1 ? '1 file (' : `${count} files (`);
  await expect(summary).toContainText('verified');
}
