/**
 * Ten thousand files dropped at once, uploaded for real to the local stack. The files are built
 * inside the page and dropped with a DataTransfer (Playwright's own file injection is what
 * would be slow with 10,000 buffers, not the portal). Long tasks are recorded from the start
 * by a PerformanceObserver; the budgets: rows on screen within 1 s of the drop, and no
 * main-thread task over 100 ms in the 10 s that follow, while the person scrolls the list.
 */
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
  }
}

test('10,000 files: the list appears within a second and no task blocks for 100 ms', async ({
  page,
  stack,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(stack.linkUrl);
  await expect(page.getByTestId('dropzone')).toBeVisible();

  const timing = await page.evaluate(async (count) => {
    const transfer = new DataTransfer();
    for (let i = 0; i < count; i++) {
      const name = `file-${String(i).padStart(5, '0')}.txt`;
      transfer.items.add(new File([`${name}\n`], name, { type: 'text/plain' }));
    }
    // Let the page settle after building the files, so their cost is not counted.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const target = document.querySelector('[data-testid="dropzone"]')!;
    const droppedAt = performance.now();
    target.dispatchEvent(
      new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
    );
    // Rows on screen, then the whole drop listed (the intake hands files over in slices).
    const when = (done: () => boolean) =>
      new Promise<number>((resolve) => {
        const check = () => (done() ? resolve(performance.now()) : requestAnimationFrame(check));
        check();
      });
    const rows = () => document.querySelectorAll('.file-list__item');
    const visibleAt = await when(() => rows().length > 0);
    const listedAt = await when(() => rows()[0]?.getAttribute('aria-setsize') === String(count));
    return { droppedAt, visibleAt, listedAt };
  }, FILES);

  const visibleMs = timing.visibleAt - timing.droppedAt;
  const listedMs = timing.listedAt - timing.droppedAt;
  console.log(
    `rows on screen ${Math.round(visibleMs)} ms after the drop, ` +
      `all ${FILES} listed after ${Math.round(listedMs)} ms`,
  );
  expect(visibleMs, 'time from the drop to the list on screen (ms)').toBeLessThan(LIST_BUDGET_MS);
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

  const tasks = await page.evaluate(
    (since) => window.__longTasks.filter((task) => task.start + task.duration >= since),
    timing.droppedAt,
  );
  const longest = tasks.reduce((max, task) => Math.max(max, task.duration), 0);
  console.log(
    `long tasks after the drop: ${tasks.length}, longest ${Math.round(longest)} ms ` +
      `(${tasks.map((task) => Math.round(task.duration)).join(', ')})`,
  );
  expect(longest, 'longest main-thread task after the drop (ms)').toBeLessThanOrEqual(
    LONG_TASK_BUDGET_MS,
  );

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
  console.log(`files verified within the window: ${done}`);
  expect(done).toBeGreaterThan(0);
});
