/**
 * Resilience (c): the page is reloaded in the middle of a multipart upload. It then says one
 * upload is unfinished; the person drops the same file again and it completes without sending
 * again any part the store already holds (the part PUTs are counted at the store and in the
 * browser). Also: where IndexedDB is refused, the page still uploads — just without resume.
 */
import { test, expect } from './support/fixtures';
import { launchStack, type LaunchedStack } from './support/launch-stack';
import { listKeys } from './support/cos';
import {
  emulatorStats,
  headObject,
  listParts,
  openMultipartUploads,
  resetStats,
} from './support/cos-inspect';
import { expectAllVerified, fileRow } from './support/portal';
import { crc64OfFile, tempFolder, writePseudoRandomFile } from './support/test-files';
import path from 'node:path';

const MIB = 1024 * 1024;
const PART = 2 * MIB;

let stack: LaunchedStack;
let folder: ReturnType<typeof tempFolder>;

test.beforeAll(async () => {
  folder = tempFolder('cup-resume-');
  stack = await launchStack({
    MULTIPART_THRESHOLD: String(4 * MIB),
    MULTIPART_PART_SIZE: String(PART),
    ALLOW_SMALL_PARTS: '1',
    EMULATOR_FAULTS: JSON.stringify({ part: { bandwidthBytesPerSec: MIB } }),
  });
});

test.afterAll(async () => {
  await stack?.stop();
  folder?.remove();
});

const partNumberOf = (url: string) => Number(new URL(url).searchParams.get('partNumber'));

test('(c) reload mid-multipart, drop the file again: it completes without re-sending finished parts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const name = 'resume-me.bin';
  const file = path.join(folder.dir, name);
  const size = 32 * MIB; // 16 parts of 2 MiB, each taking about 2 s at the store
  const partCount = size / PART;
  await writePseudoRandomFile(file, size, `resume/${name}`);
  const started = Date.now();
  page.on('dialog', (dialog) => void dialog.accept()); // a beforeunload prompt, if any

  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(file);
  let upload: { key: string; uploadId: string } | undefined;
  await expect
    .poll(
      async () => {
        [upload] = await openMultipartUploads(stack, 'uploads/');
        return upload ? (await listParts(stack, upload.key, upload.uploadId)).length : 0;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(5);
  expect(await fileRow(page, name).getAttribute('data-status')).toBe('uploading');

  await page.reload();
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toHaveAttribute('data-count', '1');
  await expect(banner).toContainText('1 upload from your last visit is not finished');
  await expect(banner).toContainText(name);

  // What the store holds once the parts cut by the reload have settled: the truth to continue.
  await page.waitForTimeout(1_000);
  const held = await listParts(stack, upload!.key, upload!.uploadId);
  expect(held.length).toBeGreaterThanOrEqual(5);
  expect(held.length).toBeLessThan(partCount);
  const heldNumbers = new Set(held.map((p) => p.partNumber));

  await resetStats(stack);
  const sentAfterReload: number[] = [];
  const storeOrigin = new URL(stack.emulator!.url).origin;
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().startsWith(storeOrigin)) {
      sentAfterReload.push(partNumberOf(request.url()));
    }
  });

  await page.getByTestId('file-input').setInputFiles(file);
  await expect(banner).toBeHidden();
  await expectAllVerified(page, 1, 120_000);
  const elapsed = Date.now() - started;

  const stats = await emulatorStats(stack);
  console.log(
    `resilience (c): ${held.length} of ${partCount} parts held at the reload; ` +
      `${stats.part} part PUTs after it; done in ${(elapsed / 1000).toFixed(1)} s`,
  );
  // Only the missing parts went out, each once, and together they make up the file.
  const resent = sentAfterReload.filter((n) => heldNumbers.has(n));
  expect(resent, 'finished parts sent again').toEqual([]);
  expect(new Set(sentAfterReload).size).toBe(sentAfterReload.length);
  expect([...heldNumbers, ...sentAfterReload].sort((a, b) => a - b)).toEqual(
    Array.from({ length: partCount }, (_, i) => i + 1),
  );
  expect(stats.part).toBe(partCount - held.length);
  // Same upload continued: no new one began, one completed.
  expect(stats.initiate).toBe(0);
  expect(stats.complete).toBe(1);

  const keys = await listKeys(stack, 'uploads/');
  expect(keys).toEqual([upload!.key]);
  const head = await headObject(stack, upload!.key);
  expect(head.size).toBe(size);
  expect(head.crc64).toBe(await crc64OfFile(file));
  expect(decodeURIComponent(head.meta.filename ?? '')).toBe(name);
  expect(await openMultipartUploads(stack, 'uploads/')).toEqual([]);
});

test('(c) an upload running in another tab is not offered as unfinished', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const name = 'two-tabs.bin';
  const file = path.join(folder.dir, name);
  await writePseudoRandomFile(file, 12 * MIB, `resume/${name}`);
  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(fileRow(page, name)).toHaveAttribute('data-status', 'uploading');
  await expect.poll(() => openMultipartUploads(stack, 'uploads/')).toHaveLength(1);

  const otherTab = await context.newPage();
  await otherTab.goto(stack.linkUrl);
  await expect(otherTab.getByTestId('dropzone')).toBeVisible();
  await otherTab.waitForTimeout(1_000);
  await expect(otherTab.getByTestId('resume-banner')).toHaveCount(0);
  await otherTab.close();

  await expectAllVerified(page, 1, 60_000);
});

test('(c) where IndexedDB is refused the page uploads anyway, without resume', async ({ page }) => {
  test.setTimeout(60_000);
  // As in a sandboxed or storage-partitioned frame: touching indexedDB throws.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const name = 'no-idb.bin';
  const file = path.join(folder.dir, name);
  await writePseudoRandomFile(file, 6 * MIB, `resume/${name}`);
  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectAllVerified(page, 1, 40_000);
  await page.reload();
  await expect(page.getByTestId('dropzone')).toBeVisible();
  await expect(page.getByTestId('resume-banner')).toHaveCount(0);
});
