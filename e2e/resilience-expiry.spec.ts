/**
 * Resilience (b): a 300 MiB file goes up as a multipart upload while every signed URL is
 * valid for a few seconds and the store takes each request body at a capped rate, so the
 * transfer outlives its URLs many times over. It completes only if parts are signed again
 * along the way, and the store runs in COS's documented expiry mode: a body still arriving
 * when its signature ends is cut off.
 */
import path from 'node:path';
import { test, expect } from './support/fixtures';
import { launchStack, type LaunchedStack } from './support/launch-stack';
import { listKeys } from './support/cos';
import { emulatorStats, headObject, openMultipartUploads } from './support/cos-inspect';
import { expectAllVerified } from './support/portal';
import { crc64OfFile, tempFolder, writePseudoRandomFile } from './support/test-files';

const MIB = 1024 * 1024;
const SIZE = 300 * MIB;
const PART = 5 * MIB; // 60 parts
const URL_TTL_SECONDS = 6;
/** Per request: a 5 MiB part takes about 1.7 s, well inside one URL's life. */
const BYTES_PER_SECOND = 3 * MIB;

let stack: LaunchedStack;
let folder: ReturnType<typeof tempFolder>;
let file: string;

test.beforeAll(async () => {
  folder = tempFolder('cup-expiry-');
  file = path.join(folder.dir, 'big-video.mp4');
  await writePseudoRandomFile(file, SIZE, 'expiry/big-video.mp4');
  stack = await launchStack({
    URL_TTL_SECONDS: String(URL_TTL_SECONDS),
    MULTIPART_PART_SIZE: String(PART),
    EMULATOR_EXPIRY_MODE: 'interrupt',
    EMULATOR_FAULTS: JSON.stringify({ part: { bandwidthBytesPerSec: BYTES_PER_SECOND } }),
  });
});

test.afterAll(async () => {
  await stack?.stop();
  folder?.remove();
});

test('(b) 300 MiB multipart with URLs valid for seconds and a bandwidth cap completes through re-signing', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const partCount = SIZE / PART;
  const signedParts: number[] = [];
  const signedAt: number[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/uploads/sign') || !response.ok()) return;
    signedAt.push(Date.now());
    const body = (await response.json().catch(() => null)) as {
      parts?: Array<{ partNumber: number }>;
    } | null;
    for (const part of body?.parts ?? []) signedParts.push(part.partNumber);
  });

  const started = Date.now();
  await page.goto(stack.linkUrl);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectAllVerified(page, 1, 270_000);
  const elapsedMs = Date.now() - started;

  const stats = await emulatorStats(stack);
  console.log(
    `resilience (b): ${SIZE / MIB} MiB in ${(elapsedMs / 1000).toFixed(1)} s; ` +
      `${signedParts.length} part URLs signed in ${signedAt.length} calls for ${partCount} parts; ` +
      `part PUTs ${stats.part}; ` +
      `store errors ${JSON.stringify(stats.errors)}`,
  );
  // The transfer outlived any one URL many times over, and URLs were signed all along it.
  expect(elapsedMs).toBeGreaterThan(3 * URL_TTL_SECONDS * 1000);
  expect(new Set(signedParts).size).toBe(partCount);
  expect(signedAt.at(-1)! - signedAt[0]!).toBeGreaterThan(2 * URL_TTL_SECONDS * 1000);
  // …without signing the same part over and over.
  expect(signedParts.length).toBeLessThan(2 * partCount);
  expect(stats.initiate).toBe(1);
  expect(stats.complete).toBe(1);

  // Byte-exact, checked by size and CRC-64 from HEAD against the file on disk.
  const keys = await listKeys(stack, 'uploads/');
  expect(keys).toHaveLength(1);
  const head = await headObject(stack, keys[0]!);
  expect(head.size).toBe(SIZE);
  expect(head.crc64).toBe(await crc64OfFile(file));
  expect(await openMultipartUploads(stack, 'uploads/')).toEqual([]);
});
