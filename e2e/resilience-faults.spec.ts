/**
 * Resilience (a): 40 files of 1 MiB while about a fifth of the uploads fail — 5xx answers,
 * connections dropped mid-body, and answers lost after the store committed. Every file must
 * land byte-exact and verified, and none twice.
 *
 * The fault generator is seeded (RESILIENCE_FAULT_SEED overrides it for independent runs).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { launchStack, type LaunchedStack } from './support/launch-stack';
import { listKeys, objectsByName } from './support/cos';
import { emulatorStats } from './support/cos-inspect';
import { expectAllVerified } from './support/portal';
import { tempFolder, writePseudoRandomFile } from './support/test-files';

const SEED = Number(process.env.RESILIENCE_FAULT_SEED ?? 424242);
const FILES = 40;
const SIZE = 1024 * 1024;

let stack: LaunchedStack;
let folder: ReturnType<typeof tempFolder>;
const names = Array.from({ length: FILES }, (_, i) => `faulty-${String(i).padStart(2, '0')}.bin`);

test.beforeAll(async () => {
  folder = tempFolder('cup-faults-');
  await Promise.all(
    names.map((name) => writePseudoRandomFile(path.join(folder.dir, name), SIZE, `faults/${name}`)),
  );
  stack = await launchStack({
    EMULATOR_FAULTS: JSON.stringify({
      // PutObject: the browser's uploads, and also the signer's own small state writes (which
      // it retries). Per request: 18 % answered 500 InternalError; of the rest 14 % cut after
      // 400 kB of body and 4 % stored but never answered: about 30 % of attempts fail.
      put: {
        errorRate: 0.18,
        errorCode: 'InternalError',
        dropAfterBytes: 400_000,
        dropRate: 0.14,
        commitThenDropRate: 0.04,
      },
    }),
    EMULATOR_FAULT_SEED: String(SEED),
  });
});

test.afterAll(async () => {
  await stack?.stop();
  folder?.remove();
});

test(`${FILES} files of 1 MiB under 5xx, mid-body drops and lost answers all land once, byte-exact`, async ({
  page,
}) => {
  test.setTimeout(240_000);
  // What the browser saw of its own uploads: every PUT to the store and how it ended.
  const storeOrigin = new URL(stack.emulator!.url).origin;
  const attempts = { total: 0, serverErrors: 0, conflicts: 0, cut: 0 };
  page.on('request', (request) => {
    if (request.method() === 'PUT' && request.url().startsWith(storeOrigin)) attempts.total++;
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'PUT' && request.url().startsWith(storeOrigin)) {
      if (response.status() >= 500) attempts.serverErrors++;
      // A retry after a lost answer meets its own object: 409, then verification.
      if (response.status() === 409) attempts.conflicts++;
    }
  });
  page.on('requestfailed', (request) => {
    if (request.method() === 'PUT' && request.url().startsWith(storeOrigin)) attempts.cut++;
  });

  const started = Date.now();
  await page.goto(stack.linkUrl);
  await page
    .getByTestId('file-input')
    .setInputFiles(names.map((name) => path.join(folder.dir, name)));
  await expectAllVerified(page, FILES, 200_000);
  const elapsed = Date.now() - started;

  const stats = await emulatorStats(stack);
  console.log(
    `resilience (a): ${FILES} files in ${(elapsed / 1000).toFixed(1)} s; browser PUTs ` +
      `${JSON.stringify(attempts)}; emulator faults ${JSON.stringify(stats.faults)}, seed ${SEED}`,
  );
  // The faults really hit the uploads, of both kinds the issue names. About 30 % of attempts
  // fail by configuration (so about one upload in five fails even on a lucky draw); the floor
  // asserted is lower, so that the randomness cannot fail the test, only an empty run.
  // Cuts are counted by the emulator: only upload bodies are long enough to be cut (the
  // signer's own state records are far below 400 kB), and Chromium silently resends a PUT cut
  // on a reused connection, so the page does not see every cut itself.
  expect(attempts.serverErrors).toBeGreaterThan(0);
  expect(stats.faults.drop).toBeGreaterThan(0);
  expect(attempts.serverErrors + stats.faults.drop).toBeGreaterThanOrEqual(FILES / 8);

  // None twice: exactly one object per file under the upload prefix, and nothing else.
  const keys = await listKeys(stack, 'uploads/');
  expect(keys).toHaveLength(FILES);
  const stored = await objectsByName(stack, 'uploads/');
  for (const name of names) {
    const objects = stored.get(name) ?? [];
    expect(objects, `objects stored for ${name}`).toHaveLength(1);
    const expected = readFileSync(path.join(folder.dir, name));
    expect(Buffer.compare(objects[0]!.body, expected), `bytes of ${name}`).toBe(0);
  }
});
