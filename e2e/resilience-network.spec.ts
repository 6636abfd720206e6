/**
 * Resilience (d) and (e), on a stack whose store accepts request bodies at 1 MiB/s each, so
 * uploads are caught in the middle:
 * (d) the browser goes offline mid-upload and comes back: the queue continues by itself;
 * (e) a multipart upload is cancelled mid-way: the store holds no unfinished upload after.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { launchStack, type LaunchedStack } from './support/launch-stack';
import { objectsByName } from './support/cos';
import { emulatorStats, listParts, openMultipartUploads } from './support/cos-inspect';
import { expectAllVerified, fileRow } from './support/portal';
import { tempFolder, writePseudoRandomFile } from './support/test-files';

const MIB = 1024 * 1024;

let stack: LaunchedStack;
let folder: ReturnType<typeof tempFolder>;

test.beforeAll(async () => {
  folder = tempFolder('cup-network-');
  stack = await launchStack({
    MULTIPART_THRESHOLD: String(4 * MIB),
    MULTIPART_PART_SIZE: String(MIB),
    ALLOW_SMALL_PARTS: '1',
    EMULATOR_FAULTS: JSON.stringify({
      put: { bandwidthBytesPerSec: MIB },
      part: { bandwidthBytesPerSec: MIB },
    }),
  });
});

test.afterAll(async () => {
  await stack?.stop();
  folder?.remove();
});

async function makeFiles(specs: Array<[name: string, size: number]>): Promise<string[]> {
  const paths = specs.map(([name]) => path.join(folder.dir, name));
  await Promise.all(
    specs.map(([name, size], i) => writePseudoRandomFile(paths[i]!, size, `network/${name}`)),
  );
  return paths;
}

test('(d) offline mid-upload pauses the queue; back online it finishes by itself', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const specs: Array<[string, number]> = [
    ['offline-a.bin', 2 * MIB],
    ['offline-b.bin', 2 * MIB],
    ['offline-c.bin', 2 * MIB],
    ['offline-d.bin', 2 * MIB],
    ['offline-big.bin', 8 * MIB], // multipart: 8 parts
  ];
  const paths = await makeFiles(specs);
  const started = Date.now();
  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(paths);

  // Bytes are moving, nothing is finished yet.
  await expect.poll(async () => (await emulatorStats(stack)).bytesReceived).toBeGreaterThan(MIB);
  await context.setOffline(true);

  await expect(page.getByText('You are offline')).toBeVisible();
  for (const [name] of specs) {
    await expect(fileRow(page, name)).toHaveAttribute('data-status', /^(paused|done)$/);
  }
  // Nothing goes out while offline (the aborted requests have settled after a moment).
  await page.waitForTimeout(500);
  const before = await emulatorStats(stack);
  await page.waitForTimeout(2_500);
  const during = await emulatorStats(stack);
  expect(during.put + during.part).toBe(before.put + before.part);

  // Back online: no click, the queue continues.
  await context.setOffline(false);
  await expectAllVerified(page, specs.length, 60_000);
  await expect(page.getByText('You are offline')).toBeHidden();
  console.log(
    `resilience (d): offline and back in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const stored = await objectsByName(stack, 'uploads/');
  for (const [i, [name]] of specs.entries()) {
    const objects = stored.get(name) ?? [];
    expect(objects, `objects stored for ${name}`).toHaveLength(1);
    expect(Buffer.compare(objects[0]!.body, readFileSync(paths[i]!)), `bytes of ${name}`).toBe(0);
  }
  expect(await openMultipartUploads(stack, 'uploads/')).toEqual([]);
});

test('(e) cancelling a multipart upload mid-way leaves no unfinished upload in the store', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const name = 'cancel-me.bin';
  const [file] = await makeFiles([[name, 24 * MIB]]); // 24 parts of 1 MiB
  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(file!);

  // Some parts are in the store, the rest on their way.
  let upload: { key: string; uploadId: string } | undefined;
  await expect
    .poll(async () => {
      [upload] = await openMultipartUploads(stack, 'uploads/');
      return upload ? (await listParts(stack, upload.key, upload.uploadId)).length : 0;
    })
    .toBeGreaterThanOrEqual(2);
  const row = fileRow(page, name);
  await expect(row).toHaveAttribute('data-status', 'uploading');

  await row.getByRole('button', { name: `Cancel ${name}` }).click();
  await expect(row).toHaveAttribute('data-status', 'cancelled');
  await expect.poll(() => openMultipartUploads(stack, 'uploads/')).toEqual([]);
  // Still nothing a little later: no part in flight revived it, no object appeared.
  await page.waitForTimeout(2_000);
  expect(await openMultipartUploads(stack, 'uploads/')).toEqual([]);
  expect((await objectsByName(stack, 'uploads/')).get(name) ?? []).toHaveLength(0);
  expect((await emulatorStats(stack)).abort).toBeGreaterThanOrEqual(1);
});
