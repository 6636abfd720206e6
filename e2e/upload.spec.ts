import { randomBytes } from 'node:crypto';
import { test, expect } from './support/fixtures';
import { objectsByName } from './support/cos';

const files = [
  { name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('quarterly report\n') },
  {
    name: '报告 2024.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4 fake but honest\n'),
  },
  { name: 'a b+c (final).csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n') },
  { name: 'empty.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) },
  { name: 'random-5mib.dat', mimeType: '', buffer: randomBytes(5 * 1024 * 1024) },
];

test('five files land in COS byte for byte and show as done', async ({ page, stack }) => {
  await page.goto(stack.linkUrl);
  await expect(
    page.getByRole('button', { name: /drop files|拖放文件|choose files|选择文件/i }).first(),
  ).toBeVisible();

  await page.getByTestId('file-input').setInputFiles(files);

  const rows = page.getByTestId('file-row');
  await expect(rows).toHaveCount(files.length);
  for (const file of files) {
    const row = page.locator(`[data-testid="file-row"][data-file-name="${file.name}"]`);
    await expect(row).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  }

  // What the bucket owner sees, read through the SDK: every file once, byte-exact.
  const stored = await objectsByName(stack);
  for (const file of files) {
    const objects = stored.get(file.name) ?? [];
    expect(objects, `objects stored for ${file.name}`).toHaveLength(1);
    expect(objects[0]!.size).toBe(file.buffer.length);
    expect(Buffer.compare(objects[0]!.body, file.buffer), `bytes of ${file.name}`).toBe(0);
  }
});

test('a tampered upload URL is refused by the store and the row explains it', async ({
  page,
  stack,
}) => {
  const emulatorOrigin = new URL(stack.emulator!.url).origin;
  // Change one character of the signature on its way out of the browser.
  await page.route(`${emulatorOrigin}/**`, async (route) => {
    const request = route.request();
    if (request.method() !== 'PUT') return route.continue();
    const url = new URL(request.url());
    const signature = url.searchParams.get('q-signature') ?? '';
    const flipped = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
    url.searchParams.set('q-signature', flipped);
    await route.continue({ url: url.toString() });
  });

  await page.goto(stack.linkUrl);
  const name = `tampered-${Date.now()}.txt`;
  await page
    .getByTestId('file-input')
    .setInputFiles([{ name, mimeType: 'text/plain', buffer: Buffer.from('must not land') }]);
  const row = page.locator(`[data-testid="file-row"][data-file-name="${name}"]`);
  await expect(row).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(row.getByRole('button', { name: /retry|重试/i })).toBeVisible();

  const stored = await objectsByName(stack);
  expect(stored.get(name) ?? []).toHaveLength(0);
});
