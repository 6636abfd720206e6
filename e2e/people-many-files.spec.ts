/**
 * Ten thousand files at once, uploaded for real to the local stack, two ways: dropped (files
 * built inside the page, put on a DataTransfer) and set on the file input from disk, as the
 * file dialog does (Chromium then looks up each file's size on its first read, which costs
 * what the in-page files do not). Long tasks are recorded from the start by a
 * PerformanceObserver; the budgets, from the drop or the input's `change` event: rows on
 * screen within 1 s, and no main-thread task over 100 ms in the 10 s that follow, while the
 * person scrolls the list. Chromium's own work before `change` (building a FileList of 10,000
 * entries, seconds) is not the page's and is cut off at that event.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { StackInfo } from './support/launch-stack';
import { test, expect } from './support/fixtures';

const FILES = 10_000;
const LIST_BUDGET_MS = 1_000;
const LONG_TASK_BUDGET_MS = 100;
const WINDOW_MS = 10_000;

interface LongTask {
  start: number;
  duration: number;
}

// Playwright's trace recorder snapshots the DOM on every action, on the page's main thread:
// it would put its own long tasks into the measurement.
test.use({ trace: 'off' });

// A timing budget on a shared 2-core machine: another process can steal the CPU for one run.
// The budget itself is never loosened; a run that meets it on any of three tries passes (and
// is reported as flaky), so one noisy neighbour cannot turn the build red.
test.describe.configure({ retries: 2 });

declare global {
  interface Window {
    __longTasks: LongTask[];
    __dialog: Promise<Timing>;
    __watchList: typeof watchList;
  }
}

interface Timing {
  startedAt: number;
  visibleAt: number;
  listedAt: number;
}

async function openPortal(page: Page, stack: StackInfo): Promise<void> {
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.addInitScript(`window.__watchList = ${watchList.toString()}`);
  await page.goto(stack.linkUrl);
  await expect(page.getByTestId('dropzone')).toBeVisible();
}

/** In the page: resolves when rows are on screen and when all `count` are listed. */
function watchList(count: number): Promise<{ visibleAt: number; listedAt: number }> {
  const when = (done: () => boolean) =>
    new Promise<number>((resolve) => {
      const check = () => (done() ? resolve(performance.now()) : requestAnimationFrame(check));
      check();
    });
  const rows = () => document.querySelectorAll('.file-list__item');
  return when(() => rows().length > 0).then(async (visibleAt) => ({
    visibleAt,
    listedAt: await when(() => rows()[0]?.getAttribute('aria-setsize') === String(count)),
  }));
}

/** The budgets, measured from `timing.startedAt` while the person scrolls for 10 s. */
async function checkBudgets(page: Page, timing: Timing, how: string): Promise<void> {
  const visibleMs = timing.visibleAt - timing.startedAt;
  const listedMs = timing.listedAt - timing.startedAt;
  console.log(
    `${how}: rows on screen ${Math.round(visibleMs)} ms, ` +
      `all ${FILES} listed after ${Math.round(listedMs)} ms`,
  );
  expect(visibleMs, 'time to the list on screen (ms)').toBeLessThan(LIST_BUDGET_MS);
  await expect(page.getByTestId('file-row').first()).toBeVisible();
  // Virtualised: a screenful of rows in the DOM, not ten thousand.
  expect(await page.getByTestId('file-row').count()).toBeLessThan(60);

  // Scroll through the list while it uploads, as a person checking on their files would.
  const list = page.getByRole('region', { name: 'Files' });
  const windowEnds = Date.now() + WINDOW_MS;
  while (Date.now() < windowEnds) {
    await list.evaluate((element) => element.scrollBy(0, 900));
    await page.waitForTimeout(100);
  }

  // A task that began before the start (Chromium building the FileList) counts from it on.
  const tasks = await page.evaluate(
    (since) =>
      window.__longTasks
        .filter((task) => task.start + task.duration >= since)
        .map((task) => ({
          ...task,
          duration: task.start + task.duration - Math.max(task.start, since),
        })),
    timing.startedAt,
  );
  const longest = tasks.reduce((max, task) => Math.max(max, task.duration), 0);
  console.log(
    `${how}: long tasks ${tasks.length}, longest ${Math.round(longest)} ms ` +
      `(${tasks.map((task) => Math.round(task.duration)).join(', ')})`,
  );
  expect(longest, 'longest main-thread task (ms)').toBeLessThanOrEqual(LONG_TASK_BUDGET_MS);

  // Every file was listed, and they really were uploading during the window.
  const count = async (filter: string) =>
    Number(
      (await page.locator(`[data-filter="${filter}"] .filter__count`).innerText()).replace(
        /\D/g,
        '',
      ),
    );
  expect(await count('all')).toBe(FILES);
  const done = await count('done');
  console.log(`${how}: files verified within the window: ${done}`);
  expect(done).toBeGreaterThan(0);
}

test('10,000 files dropped: the list appears within a second and no task blocks for 100 ms', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  await openPortal(page, stack);
  const timing = await page.evaluate(async (count) => {
    const transfer = new DataTransfer();
    for (let i = 0; i < count; i++) {
      const name = `file-${String(i).padStart(5, '0')}.txt`;
      transfer.items.add(new File([`${name}\n`], name, { type: 'text/plain' }));
    }
    // Let the page settle after building the files, so their cost is not counted.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const target = document.querySelector('[data-testid="dropzone"]')!;
    const startedAt = performance.now();
    target.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
    );
    return { startedAt, ...(await window.__watchList(count)) };
  }, FILES);
  await checkBudgets(page, timing, 'dropped');
});

test('10,000 files from the file dialog: the same budgets from the change event', async ({
  page,
  stack,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cup-many-'));
  try {
    const paths: string[] = [];
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < FILES; i++) {
      const file = path.join(dir, `scan-${String(i).padStart(5, '0')}.txt`);
      writeFileSync(file, `scan ${i}\n`);
      paths.push(file);
    }
    await openPortal(page, stack);
    await page.evaluate((count) => {
      const input = document.querySelector('[data-testid="file-input"]')!;
      window.__dialog = new Promise((resolve) => {
        input.addEventListener(
          'change',
          () => {
            const startedAt = performance.now();
            void window.__watchList(count).then((seen) => resolve({ startedAt, ...seen }));
          },
          { capture: true, once: true },
        );
      });
    }, FILES);
    await page.getByTestId('file-input').setInputFiles(paths, { timeout: 120_000 });
    const timing = await page.evaluate(() => window.__dialog);
    await checkBudgets(page, timing, 'file dialog');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
