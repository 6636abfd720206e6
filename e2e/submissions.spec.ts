/**
 * Issue 15 as three people on the real stack: the owner mints a link on /admin with details, a
 * custom field, a password, terms and a folder template; a contributor goes through each gate
 * by keyboard alone (a wrong password first, then a bad email), uploads a folder and keeps the
 * receipt; the owner finds the submission on /admin (from the address notifications link to),
 * downloads a file and gets back the very bytes sent. Axe clean in both languages on every new
 * screen. Plain links: no gates, a receipt all the same, a new submission after Finish, the
 * same file twice asked first, a cancelled file left out; too many wrong passwords say how long
 * to wait.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { mintLink } from './support/admin';
import { expectAxeClean, tabTo } from './support/axe';
import { listKeys, objectsByName } from './support/cos';
import { expect, test } from './support/fixtures';
import type { StackInfo } from './support/launch-stack';
import { crc64OfFile } from './support/test-files';
import { chooseLanguage, dropFiles, holdUploads, row } from './people-helpers';

let root: string;
test.beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'submissions-e2e-'));
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

const FOLDER_FILES: Record<string, string> = {
  'thesis.txt': 'The thesis, all of it.\n'.repeat(40),
  'appendix/data.csv': 'a,b\n1,2\n',
  'appendix/图表/图1.txt': '图一\n',
};

function makeFolder(): string {
  const top = path.join(root, `thesis-${Date.now()}`);
  for (const [name, body] of Object.entries(FOLDER_FILES)) {
    mkdirSync(path.dirname(path.join(top, name)), { recursive: true });
    writeFileSync(path.join(top, name), body);
  }
  return top;
}

async function openAdmin(page: Page, stack: StackInfo, query = 'lang=en') {
  await page.goto(`${stack.portalUrl}/admin?${query}`);
  await page.getByTestId('admin-token').fill(stack.adminToken);
  await page.getByTestId('admin-token').press('Enter');
  await expect(page.getByTestId('admin-links')).toBeVisible();
}

async function ownerMintsLink(page: Page, stack: StackInfo, title: string): Promise<string> {
  await openAdmin(page, stack);
  const settings = page.getByTestId('submission-settings');
  await page.getByLabel('Title', { exact: true }).fill(title);
  for (const detail of ['Name', 'Email']) {
    const box = settings.getByRole('checkbox', { name: detail, exact: true });
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await settings.getByTestId('add-field').focus();
  await page.keyboard.press('Enter');
  await settings.getByLabel('Label').fill('Student ID');
  await settings.getByLabel(/^Password/).fill('blue river 42');
  await settings
    .getByLabel(/^Terms to accept/)
    .fill('I wrote this thesis myself.\n\nThe university keeps it for ten years.');
  // A placeholder without its answer is explained before anything is sent.
  await settings.getByLabel(/^Folder for each submission/).fill('{date}/{phone}/');
  await page.getByTestId('create-link').focus();
  await page.keyboard.press('Enter');
  await expect(settings.getByTestId('issue-folderTemplate')).toContainText(
    'Folder: {phone} needs an answer the link does not ask for.',
  );
  await expect(settings.getByLabel(/^Folder for each submission/)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{date}/{email}/');
  await page.getByTestId('create-link').focus();
  await page.keyboard.press('Enter');
  const created = page.getByTestId('created-link');
  await expect(created).toBeVisible();
  const row = page.locator('[data-testid="link-row"]', { hasText: title });
  await expect(row.getByTestId('link-asks')).toContainText(
    'Asks for: Name, Email, Student ID, a password, and acceptance of terms',
  );
  await expect(row.getByTestId('link-asks')).toContainText('{date}/{email}/');
  await expectAxeClean(page, 'admin with the new settings');
  await chooseLanguage(page, 'en');
  return created.getByTestId('link-url').inputValue();
}

async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

test('owner, contributor and owner again: gates, a folder, the receipt, the owner’s download', async ({
  page: owner,
  stack,
  browser,
}) => {
  const title = `Theses ${Date.now()}`;
  const url = await ownerMintsLink(owner, stack, title);
  const linkId = (await owner
    .locator('[data-testid="link-row"]', { hasText: title })
    .getAttribute('data-link-id'))!;

  // ── The contributor, keyboard only ──
  const page = await newPerson(browser);
  await page.goto(`${url}?lang=en`);
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
  await expect(page.getByTestId('gate-password-step')).toContainText('Step 1 of 3');
  await expectAxeClean(page, 'password gate');
  await chooseLanguage(page, 'en');

  const password = page.getByTestId('gate-password');
  await tabTo(page, password);
  await page.keyboard.type('red river');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gate-password-message')).toHaveText(
    'That password is not right. 4 more tries before you have to wait.',
  );
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expectAxeClean(page, 'wrong password');
  await chooseLanguage(page, 'en');
  await password.focus();
  await page.keyboard.type('blue river 42');
  await page.keyboard.press('Enter');

  const details = page.getByTestId('gate-details-step');
  await expect(details.getByRole('heading', { name: 'About you' })).toBeFocused();
  await expect(details).toContainText('Step 2 of 3');
  await page.keyboard.press('Tab');
  await expect(details.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Ana Li');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ana@');
  await page.keyboard.press('Enter');
  const problems = page.getByTestId('details-problems');
  await expect(problems).toContainText(
    'Email: This is not an email address. Write it like name@example.com.',
  );
  await expect(problems).toContainText('Student ID: This is required.');
  await expect(details.getByLabel('Email')).toBeFocused();
  await expectAxeClean(page, 'details with problems');
  await chooseLanguage(page, 'en');
  await details.getByLabel('Email').focus();
  await page.keyboard.type('example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.type('S-2026-042');
  await page.keyboard.press('Enter');

  const terms = page.getByTestId('gate-terms-step');
  await expect(terms.getByRole('heading', { name: 'Terms' })).toBeFocused();
  await expect(page.getByTestId('terms-text')).toContainText('I wrote this thesis myself.');
  await expectAxeClean(page, 'terms gate');
  await chooseLanguage(page, 'en');
  await tabTo(page, page.getByTestId('terms-text'));
  await page.keyboard.press('PageDown');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('terms-accept')).toBeFocused();
  // Continue without ticking: told, and nothing is signed.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(terms.getByRole('alert')).toContainText('Tick the box to accept the terms.');
  await expect(page.getByTestId('terms-accept')).toBeFocused();
  await page.keyboard.press('Space');
  await tabTo(page, terms.getByTestId('gate-continue'));
  await page.keyboard.press('Enter');

  // The dropzone, then a whole folder through the folder button.
  const folder = makeFolder();
  await tabTo(page, page.getByRole('button', { name: 'Choose a folder' }));
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(folder);
  const names = Object.keys(FOLDER_FILES).map((n) => path.basename(n));
  for (const name of names) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  }
  await expect(page.getByTestId('finish-why')).toContainText('When you have sent everything');
  await expectAxeClean(page, 'uploaded, before Finish');
  await chooseLanguage(page, 'en');

  await tabTo(page, page.getByTestId('finish'), 40);
  await page.keyboard.press('Enter');
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toHaveAttribute('data-state', 'closed');
  await expect(receipt.getByRole('heading', { name: 'Receipt' })).toBeFocused();
  await expect(page.getByTestId('receipt-done')).toContainText('Done.');
  const submissionId = (await page.getByTestId('receipt-id').textContent())!;
  const top = path.basename(folder);
  for (const [name, body] of Object.entries(FOLDER_FILES)) {
    const entry = receipt.locator(`[data-testid="receipt-file"][data-name="${top}/${name}"]`);
    await expect(entry).toContainText('Stored and verified');
    await expect(entry).toContainText(`CRC-64: ${await crc64OfFile(path.join(folder, name))}`);
    await expect(entry).toContainText(`Size: ${Buffer.byteLength(body)} bytes`);
  }
  await expect(receipt).toContainText('Ana Li');
  await expect(receipt).toContainText('S-2026-042');
  await expectAxeClean(page, 'receipt');
  await chooseLanguage(page, 'en');

  // Kept as a page of its own, in the page's language.
  await tabTo(page, page.getByTestId('receipt-download'));
  const saving = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = await saving;
  expect(saved.suggestedFilename()).toBe(`receipt-${submissionId}.html`);
  const html = readFileSync((await saved.path())!, 'utf8');
  expect(html).toContain(submissionId);
  expect(html).toContain(`${top}/appendix/图表/图1.txt`);
  expect(html).toContain('Stored and verified');

  // The files went into the link's folder as the template says: date, then the email.
  const today = new Date().toISOString().slice(0, 10);
  const keys = await listKeys(stack, `uploads/${linkId}/`);
  const fileKeys = keys.filter((k) => !k.includes('/manifest'));
  expect(fileKeys).toHaveLength(3);
  for (const key of fileKeys) {
    expect(key.startsWith(`uploads/${linkId}/${today}/ana@example.com/${top}/`), key).toBe(true);
  }
  expect(keys).toContain(
    `uploads/${linkId}/${today}/ana@example.com/manifest-${submissionId}.json`,
  );

  // ── The owner again, from the address a notification links to ──
  await openAdmin(owner, stack, `lang=en&link=${linkId}&submission=${submissionId}`);
  const detail = owner.getByTestId('submission-detail');
  await expect(detail).toHaveAttribute('data-submission-id', submissionId);
  await expect(detail.getByRole('heading', { name: `Submission ${submissionId}` })).toBeFocused();
  await expect(detail).toContainText('Ana Li');
  await expect(detail).toContainText('finished by the sender');
  const list = owner.getByTestId('submissions-list');
  const summary = list.locator(`[data-submission-id="${submissionId}"]`);
  await expect(summary).toContainText('Ana Li');
  await expect(summary).toContainText('3 files');
  await expect(summary).toHaveAttribute('data-state', 'closed');
  await expectAxeClean(owner, 'admin, a submission open');
  await chooseLanguage(owner, 'en');

  const file = detail.locator(`[data-testid="submission-file"][data-name="${top}/thesis.txt"]`);
  await file.getByTestId('submission-download').focus();
  const downloading = owner.waitForEvent('download');
  await owner.keyboard.press('Enter');
  const downloaded = await downloading;
  expect(readFileSync((await downloaded.path())!)).toEqual(
    readFileSync(path.join(folder, 'thesis.txt')),
  );

  await owner.getByTestId('submissions-export').focus();
  const exporting = owner.waitForEvent('download');
  await owner.keyboard.press('Enter');
  const csv = readFileSync((await (await exporting).path())!, 'utf8');
  expect(csv).toContain('ana@example.com');
  expect(csv).toContain(submissionId);
  for (const name of Object.keys(FOLDER_FILES)) expect(csv).toContain(`${top}/${name}`);
});

test('too many wrong passwords: how long to wait, and the button waits too', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Locked', password: 'correct horse' });
  await page.goto(`${link.url}?lang=en`);
  const password = page.getByTestId('gate-password');
  const message = page.getByTestId('gate-password-message');
  for (let left = 4; left >= 1; left--) {
    await password.fill(`guess ${left}`);
    await password.press('Enter');
    await expect(message).toHaveText(
      `That password is not right. ${left} more ${left === 1 ? 'try' : 'tries'} before you have to wait.`,
    );
  }
  await password.fill('guess 0');
  await password.press('Enter');
  await expect(message).toHaveText(
    'That password is not right. You have to wait before the next try.',
  );
  await password.fill('correct horse');
  await password.press('Enter');
  await expect(message).toContainText(/^Too many wrong tries\. You can try again in \d+ /);
  await expect(page.getByTestId('gate-unlock')).toHaveAttribute('aria-disabled', 'true');
  await expectAxeClean(page, 'waiting after wrong passwords');
  await expect(message).toContainText('输错次数过多。请在');
});

test('a plain link asks nothing, and still gives a receipt; a new submission after Finish', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: `Plain ${Date.now()}` });
  await page.goto(`${link.url}?lang=en`);
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.getByTestId('gate-password-step')).toHaveCount(0);
  await expect(page.getByTestId('finish')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('finish-why')).toHaveText(
    'Add files first. Finish becomes available once they have arrived.',
  );

  const minutes = { name: 'minutes.txt', text: 'minutes of the meeting\n' };
  await dropFiles(page, [minutes]);
  await expect(row(page, 'minutes.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });

  // The same file again in this submission: asked first; skipped, nothing is sent.
  await dropFiles(page, [minutes]);
  const question = page.getByTestId('duplicates-question');
  await expect(question).toContainText('1 file was already added on this page: minutes.txt.');
  await question.getByRole('button', { name: 'Skip it' }).click();
  await expect(page.getByTestId('file-row')).toHaveCount(1);

  // A file cancelled while it uploads is left out of the receipt, not listed as failed.
  const held = await holdUploads(page, stack.emulator!.url);
  await dropFiles(page, [{ name: 'draft.txt', text: 'not this one' }]);
  await expect(row(page, 'draft.txt')).toHaveAttribute('data-status', 'uploading', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('finish')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('finish-why')).toHaveText(
    '1 file is still in progress. Finish when it is done, or cancel it.',
  );
  await row(page, 'draft.txt').getByRole('button', { name: 'Cancel draft.txt' }).click();
  await expect(row(page, 'draft.txt')).toHaveAttribute('data-status', 'cancelled');
  held.release();

  // "Receipt so far" while open, then Finish.
  await page.getByTestId('receipt-so-far').click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('receipt')).toContainText('still open');
  await page.getByTestId('finish').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId('receipt-file')).toHaveCount(1);
  await expect(receipt).toContainText('1 file, 23 bytes, stored and verified.');
  await expect(receipt).not.toContainText('draft.txt');
  await expect(receipt).not.toContainText('failed');
  const first = await page.getByTestId('receipt-id').textContent();
  await expectAxeClean(page, 'plain link receipt');
  await chooseLanguage(page, 'en');

  // Its files went into the submission's own folder, with its manifest.
  const keys = await listKeys(stack, `uploads/${link.id}/${first}/`);
  const names = keys.map((k) => k.split('/').pop()!);
  expect(names).toHaveLength(2);
  expect(names).toContain('manifest.json');
  expect(names.some((n) => n.endsWith('-minutes.txt'))).toBe(true);

  // A new submission: the same file is a first copy there, with a receipt of its own.
  await page.getByTestId('receipt-new').click();
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.getByTestId('file-row')).toHaveCount(0);
  await dropFiles(page, [minutes]);
  await expect(page.getByTestId('duplicates-question')).toHaveCount(0);
  await expect(row(page, 'minutes.txt')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await page.getByTestId('finish').click();
  await expect(page.getByTestId('receipt')).toHaveAttribute('data-state', 'closed');
  const second = await page.getByTestId('receipt-id').textContent();
  expect(second).not.toBe(first);
  expect((await objectsByName(stack, `uploads/${link.id}/`)).get('minutes.txt')).toHaveLength(2);
});
