/**
 * What an upload is stored as, from the real page to the bucket: the type follows the name and
 * the link (an HTML page claiming to be a PDF is stored as a PDF; an SVG is refused by an
 * images-only link before anything is sent, with a reason), and every PUT carries the fixed
 * ACL and disposition its signature binds, so a link holder cannot make a file public.
 */
import COS from 'cos-nodejs-sdk-v5';
import type { Page } from '@playwright/test';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';
import { test, expect } from './support/fixtures';
import { mintLink } from './support/admin';
import type { StackInfo } from './support/launch-stack';

function row(page: Page, name: string) {
  return page.locator(`[data-testid="file-row"][data-file-name="${name}"]`);
}

async function headByName(stack: StackInfo, prefix: string, name: string) {
  const cos = new COS({
    SecretId: DEV_SECRET_ID,
    SecretKey: DEV_SECRET_KEY,
    Domain: stack.emulator!.url,
  });
  const where = { Bucket: stack.bucket, Region: stack.region };
  const listed = await cos.getBucket({ ...where, Prefix: prefix });
  const key = listed.Contents.map((c) => c.Key).find((k) => k.endsWith(`-${name}`));
  if (!key) throw new Error(`no object for ${name}`);
  return (await cos.headObject({ ...where, Key: key })).headers ?? {};
}

test('a .pdf-only link stores cv.pdf sent as text/html as a PDF, with the fixed ACL', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { allowedTypes: ['.pdf'] });
  const puts: Array<Record<string, string>> = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') puts.push(request.headers());
  });
  await page.goto(`${link.url}?lang=en`);
  await page
    .getByTestId('file-input')
    .setInputFiles([
      { name: 'cv.pdf', mimeType: 'text/html', buffer: Buffer.from('<html><script></script>') },
    ]);
  await expect(row(page, 'cv.pdf')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });

  expect(puts).toHaveLength(1);
  expect(puts[0]).toMatchObject({
    'content-type': 'application/pdf',
    'x-cos-acl': 'default',
    'content-disposition': 'attachment',
  });
  const stored = await headByName(stack, `uploads/${link.id}/`, 'cv.pdf');
  expect(stored['content-type']).toBe('application/pdf');
  expect(stored['content-disposition']).toBe('attachment');
});

test('an images-only link refuses an SVG before sending, and says why', async ({ page, stack }) => {
  const link = await mintLink(stack, { allowedTypes: ['image/*'] });
  let sent = 0;
  page.on('request', (request) => {
    if (request.method() === 'PUT' || request.url().includes('/uploads')) sent += 1;
  });
  await page.goto(`${link.url}?lang=en`);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg/>') },
    { name: 'page.html', mimeType: 'image/png', buffer: Buffer.from('<html>') },
  ]);
  await expect(row(page, 'logo.svg')).toHaveAttribute('data-status', 'rejected');
  await expect(row(page, 'page.html')).toHaveAttribute('data-status', 'rejected');
  await expect(row(page, 'logo.svg')).toContainText(
    'Files of type image/svg+xml can run code when a browser opens them',
  );
  await expect(row(page, 'page.html')).toContainText('Going by its name, this file is text/html.');
  expect(sent).toBe(0);
});

test('a PUT that asks for public-read is refused by storage and nothing lands', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, {});
  const emulatorOrigin = new URL(stack.emulator!.url).origin;
  // What a link holder with a proxy or a script can do: add (or change) the ACL header.
  await page.route(`${emulatorOrigin}/**`, async (route) => {
    const request = route.request();
    if (request.method() !== 'PUT') return route.continue();
    await route.continue({ headers: { ...request.headers(), 'x-cos-acl': 'public-read' } });
  });
  await page.goto(`${link.url}?lang=en`);
  await page
    .getByTestId('file-input')
    .setInputFiles([{ name: 'public.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') }]);
  await expect(row(page, 'public.txt')).toHaveAttribute('data-status', 'failed', {
    timeout: 30_000,
  });
  await expect(headByName(stack, `uploads/${link.id}/`, 'public.txt')).rejects.toThrow(
    'no object for public.txt',
  );
});
