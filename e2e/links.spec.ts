/**
 * Share links with server-enforced limits, through the portal as a contributor uses it: each
 * limit at its boundary (exactly at, one over), limits that hold across tabs because the server
 * counts what really landed, and a clear page for every link that cannot be used.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';
import { createCosClient } from '../server/cos/cos-client';
import { test, expect } from './support/fixtures';
import { mintLink, revokeLink } from './support/admin';
import { objectsByName } from './support/cos';
import { launchStack } from './support/launch-stack';

const file = (name: string, size: number, mimeType = 'application/octet-stream') => ({
  name,
  mimeType,
  buffer: Buffer.alloc(size, 0x61),
});

function row(page: Page, name: string) {
  return page.locator(`[data-testid="file-row"][data-file-name="${name}"]`);
}

async function openLink(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('dropzone')).toBeVisible();
}

test('max files: exactly at the limit lands, one more is refused, also after a reload', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Two files', maxFiles: 2 });
  await openLink(page, link.url);
  await page.getByTestId('file-input').setInputFiles([file('one.txt', 5), file('two.txt', 6)]);
  await expect(row(page, 'one.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'two.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await page.getByTestId('file-input').setInputFiles([file('three.txt', 1)]);
  await expect(row(page, 'three.txt')).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-group="too-many-files:2"]')).toBeVisible();

  // A new visit reads the link's real use from the server: the link is full.
  await openLink(page, link.url);
  await expect(page.getByText(/2 files/).first()).toBeVisible();
  await page.getByTestId('file-input').setInputFiles([file('four.txt', 1)]);
  await expect(row(page, 'four.txt')).toHaveAttribute('data-status', 'rejected');

  const stored = await objectsByName(stack, `uploads/${link.id}/`);
  expect([...stored.keys()].sort()).toEqual(['one.txt', 'two.txt']);
});

test('max file size: a file of exactly the limit lands, one byte more is refused', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { maxFileSize: 1024 });
  await openLink(page, link.url);
  await page
    .getByTestId('file-input')
    .setInputFiles([file('at-limit.bin', 1024), file('over-limit.bin', 1025)]);
  await expect(row(page, 'at-limit.bin')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(row(page, 'over-limit.bin')).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-group="file-too-large:1024"]')).toBeVisible();
  const stored = await objectsByName(stack, `uploads/${link.id}/`);
  expect([...stored.keys()]).toEqual(['at-limit.bin']);
});

test('total size: files adding up to exactly the limit land, one byte more is refused', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { maxTotalBytes: 100 });
  await openLink(page, link.url);
  await page
    .getByTestId('file-input')
    .setInputFiles([file('sixty.bin', 60), file('forty.bin', 40), file('one.bin', 1)]);
  await expect(row(page, 'sixty.bin')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'forty.bin')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'one.bin')).toHaveAttribute('data-status', 'rejected');
  await expect(page.locator('[data-group="quota-exceeded:100"]')).toBeVisible();
});

test('types: only the allowed types are sent', async ({ page, stack }) => {
  const link = await mintLink(stack, { allowedTypes: ['image/png', '.pdf'] });
  await openLink(page, link.url);
  await page
    .getByTestId('file-input')
    .setInputFiles([
      file('photo.png', 10, 'image/png'),
      file('report.pdf', 10, 'application/pdf'),
      file('page.html', 10, 'text/html'),
    ]);
  await expect(row(page, 'photo.png')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(row(page, 'report.pdf')).toHaveAttribute('data-status', 'done', {
    timeout: 30_000,
  });
  await expect(row(page, 'page.html')).toHaveAttribute('data-status', 'rejected');
});

test('the server holds the count when two tabs both think there is room', async ({
  page,
  context,
  stack,
}) => {
  const link = await mintLink(stack, { maxFiles: 1 });
  const other = await context.newPage();
  await openLink(page, link.url);
  await openLink(other, link.url);
  await page.getByTestId('file-input').setInputFiles([file('first.txt', 3)]);
  await expect(row(page, 'first.txt')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // The second tab loaded the link when it was empty: its own check lets the file through,
  // the signer refuses it.
  await other.getByTestId('file-input').setInputFiles([file('second.txt', 3)]);
  await expect(row(other, 'second.txt')).toHaveAttribute('data-status', 'rejected', {
    timeout: 30_000,
  });
  await expect(other.locator('[data-group="too-many-files:1"]')).toBeVisible();
  const stored = await objectsByName(stack, `uploads/${link.id}/`);
  expect([...stored.keys()]).toEqual(['first.txt']);
  await other.close();
});

test('a link revoked while open stops the next upload, and then shows a revoked page', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, { title: 'Soon withdrawn' });
  await openLink(page, link.url);
  await revokeLink(stack, link.id);
  await page.getByTestId('file-input').setInputFiles([file('late.txt', 3)]);
  await expect(row(page, 'late.txt')).not.toHaveAttribute('data-status', 'done', {
    timeout: 5_000,
  });
  await expect(row(page, 'late.txt')).toHaveAttribute('data-status', /failed|rejected/, {
    timeout: 30_000,
  });
  await page.goto(link.url);
  await expect(page.locator('[data-link-error="link-revoked"]')).toBeVisible();
  await expect(page.getByTestId('dropzone')).toHaveCount(0);
  expect((await objectsByName(stack, `uploads/${link.id}/`)).size).toBe(0);
});

test('expired, revoked, tampered and malformed links each get their own page and no dropzone', async ({
  page,
  stack,
}) => {
  const expiring = await mintLink(stack, { expiresInSeconds: 1 });
  const revoked = await mintLink(stack, {});
  await revokeLink(stack, revoked.id);
  const good = await mintLink(stack, {});
  const [kid, body, mac] = good.token.split('.') as [string, string, string];
  const flipped = `${kid}.${body}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
  await page.waitForTimeout(1_100);
  const cases: Array<[string, string]> = [
    [expiring.url, 'link-expired'],
    [revoked.url, 'link-revoked'],
    [`${stack.portalUrl}/u/${flipped}`, 'link-tampered'],
    [`${stack.portalUrl}/u/not-a-link`, 'link-malformed'],
  ];
  for (const [url, code] of cases) {
    await page.goto(url);
    await expect(page.locator(`[data-link-error="${code}"]`), code).toBeVisible();
    await expect(page.getByTestId('dropzone')).toHaveCount(0);
  }
  // The page says which problem it is, in words.
  await page.goto(revoked.url);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
});

test('the upload page states the title, the message and the limits in words', async ({
  page,
  stack,
}) => {
  const link = await mintLink(stack, {
    title: 'Quarterly scans',
    message: 'PDFs only, please.',
    maxFiles: 3,
    maxFileSize: 2 * 1024 * 1024,
    allowedTypes: ['.pdf'],
    expiresInSeconds: 3 * 24 * 3600,
  });
  await page.goto(`${link.url}?lang=en`);
  await expect(page.getByRole('heading', { level: 1, name: 'Quarterly scans' })).toBeVisible();
  await expect(page.getByText('PDFs only, please.')).toBeVisible();
  await expect(page.getByText(/Up to 3 files/)).toBeVisible();
  await expect(page.getByText(/Link valid for/)).toBeVisible();
});

test.describe('admin view', () => {
  test('asks for the token, checks the bucket, creates and revokes a link', async ({
    page,
    stack,
  }) => {
    const response = await page.goto(`${stack.portalUrl}/admin?lang=en`);
    // Never framed by anyone.
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByTestId('admin-token').fill('not-the-token-not-the-token');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByTestId('admin-token-error')).toHaveText(
      'This admin token is not right.',
    );

    await page.getByTestId('admin-token').fill(stack.adminToken);
    await page.getByRole('button', { name: 'Open' }).click();
    // The token lives in memory only.
    expect(
      await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage })),
    ).not.toContain(stack.adminToken);
    expect(page.url()).not.toContain(stack.adminToken);

    await page.getByTestId('selftest-run').click();
    const result = page.getByTestId('selftest-result');
    await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 20_000 });
    await expect(result.getByText('All checks passed')).toBeVisible();

    await page.getByLabel('Title', { exact: true }).fill('Made in the admin view');
    await page.getByLabel('Most files in total').fill('1');
    await page.getByTestId('create-link').click();
    const created = page.getByTestId('created-link');
    await expect(created).toBeVisible();
    const url = await created.getByTestId('link-url').inputValue();
    expect(url).toMatch(/\/u\/k0\./);

    const row = page.locator('[data-testid="link-row"]', { hasText: 'Made in the admin view' });
    await expect(row).toHaveAttribute('data-state', 'open');
    await row.getByTestId('revoke').click();
    await row.getByTestId('revoke-yes').click();
    await expect(row).toHaveAttribute('data-state', 'revoked');

    await page.goto(url);
    await expect(page.locator('[data-link-error="link-revoked"]')).toBeVisible();
  });

  test('explains each wrong setting beside its field, in English and Chinese at 360 px, and makes an embeddable link', async ({
    page,
    stack,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const [lang, sizeText, typesText] of [
      [
        'en',
        'Largest file: “abc” is not a size. Write a number and a unit, for example 500 MB.',
        'Allowed types: “pdf” is neither a file extension nor a MIME type. Extensions start with a dot, for example .pdf, image/*. Did you mean .pdf?',
      ],
      [
        'zh-CN',
        '单个文件上限：“abc”不是大小。请写数字和单位，例如 500 MB。',
        '允许的类型：“pdf”既不是文件扩展名，也不是 MIME 类型。扩展名以点开头，例如 .pdf, image/*。您是想写 .pdf 吗？',
      ],
    ] as const) {
      await page.goto(`${stack.portalUrl}/admin?lang=${lang}`);
      await page.getByTestId('admin-token').fill(stack.adminToken);
      await page.keyboard.press('Enter');
      const form = page.getByTestId('create-link-form');
      await form.locator('[name="maxFileSizeMb"]').fill('abc');
      await form.locator('[name="types"]').fill('image/*, pdf');
      await form.locator('[name="embedOrigins"]').fill('https://a.example/path');
      await page.getByTestId('create-link').click();
      await expect(page.getByTestId('issue-maxFileSizeMb')).toHaveText(sizeText);
      await expect(page.getByTestId('issue-types')).toHaveText(typesText);
      await expect(page.getByTestId('issue-embedOrigins')).toContainText('https://a.example');
      await expect(form.locator('[name="maxFileSizeMb"]')).toBeFocused();
      await expect(form.locator('[name="maxFileSizeMb"]')).toHaveAccessibleDescription(sizeText);
      // Fits a phone: nothing wider than the screen.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      ).toBeLessThanOrEqual(0);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(
        axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`),
      ).toEqual([]);
    }

    // Fixed: an embeddable link, with the tag for the other site.
    const form = page.getByTestId('create-link-form');
    await form.locator('[name="title"]').fill('Embeddable from the admin view');
    await form.locator('[name="maxFileSizeMb"]').fill('100 kB');
    await form.locator('[name="types"]').fill('image/*, .pdf');
    await form.locator('[name="embedOrigins"]').fill('https://forms.example.org');
    await page.getByTestId('create-link').click();
    const created = page.getByTestId('created-link');
    await expect(created).toBeVisible();
    const url = await created.getByTestId('link-url').inputValue();
    await expect(created.getByTestId('embed-code')).toHaveValue(
      `<script src="${new URL(url).origin}/embed.js" data-link="${url}"></script>`,
    );
    const token = url.split('/u/')[1]!;
    const embed = await page.request.get(`${stack.portalUrl}/embed/${token}`);
    expect(embed.headers()['content-security-policy']).toContain(
      'frame-ancestors https://forms.example.org',
    );
  });

  test('names the missing CORS rule when the bucket is set up wrong', async ({ page }) => {
    // Its own stack: this test breaks the bucket's CORS rules on purpose.
    const own = await launchStack();
    try {
      const cos = createCosClient({
        cos: {
          secretId: DEV_SECRET_ID,
          secretKey: DEV_SECRET_KEY,
          bucket: own.bucket,
          region: own.region,
          domain: own.emulator!.url,
        },
      });
      const origin = new URL(own.portalUrl).origin;
      await page.goto(`${own.portalUrl}/admin?lang=en`);
      await page.getByTestId('admin-token').fill(own.adminToken);
      await page.getByRole('button', { name: 'Open' }).click();
      const result = page.getByTestId('selftest-result');

      // ETag not exposed: the upload goes through, but the page cannot read the ETag.
      await cos.putBucketCors([
        {
          allowedOrigins: [origin],
          allowedMethods: ['PUT'],
          allowedHeaders: ['*'],
          exposeHeaders: ['x-cos-hash-crc64ecma'],
        },
      ]);
      await page.getByTestId('selftest-run').click();
      await expect(result).toHaveAttribute('data-ok', 'false', { timeout: 20_000 });
      await expect(result).toHaveAttribute('data-problems', 'etag-not-exposed');
      await expect(result.getByText(/Add ETag to ExposeHeader/)).toBeVisible();

      // No rule for this origin: the browser blocks the upload (a bare network error); the page
      // still says which rule is missing.
      await cos.putBucketCors([
        {
          allowedOrigins: ['https://somewhere-else.example.com'],
          allowedMethods: ['PUT'],
          allowedHeaders: ['*'],
          exposeHeaders: ['ETag', 'x-cos-hash-crc64ecma'],
        },
      ]);
      await page.getByTestId('selftest-run').click();
      await expect(result).toHaveAttribute('data-problems', 'origin-not-allowed', {
        timeout: 20_000,
      });
      await expect(result.getByText(`No CORS rule of the bucket allows ${origin}`)).toBeVisible();
    } finally {
      await own.stop();
    }
  });
});
