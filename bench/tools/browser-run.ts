/**
 * One browser run, the way a person uploads: a fresh headless Chromium, the page opened and
 * left to settle, then the workload's files set on the page's file input (what a drop or the
 * file dialog does). Around it: memory of the browser's process tree, the page's JS heap, long
 * main-thread tasks and the time from the drop to the first request towards COS.
 *
 * Times come from the page's own clock: from the input's `change` event to the moment the page
 * (or the probe watching the portal) says every file is done. A fresh browser per run keeps
 * connection pools, caches and heaps from leaking between tools; only the smoke run, whose
 * numbers mean nothing, shares one browser to stay fast.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { childrenRunning, MemoryWatch, sampleMemory, median, treeCpuSeconds } from '../metrics';
import type { BenchEnv, BrowserMetrics, RunContext, ToolOutcome } from './tool';

/**
 * Injected before any page script: long tasks, the moment of the drop (the file input's
 * `change`), and when the first request towards COS started (Resource Timing `startTime`: the
 * moment the browser began fetching, before any preflight).
 */
function probeScript(storageOrigin: string): string {
  return `(() => {
  const probe = { longTasks: [], changeAt: null, firstStorageRequestAt: null };
  window.__probe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name.startsWith(${JSON.stringify(storageOrigin)}) &&
          (probe.firstStorageRequestAt === null || e.startTime < probe.firstStorageRequestAt)) {
        probe.firstStorageRequestAt = e.startTime;
      }
    }
  }).observe({ type: 'resource' });
  document.addEventListener('change', (event) => {
    const t = event.target;
    if (probe.changeAt === null && t && t.tagName === 'INPUT' && t.type === 'file') {
      probe.changeAt = performance.now();
    }
  }, true);
})();`;
}

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'blink',
  'v8',
  'loading',
];

export interface LaunchedBrowser {
  browser: Browser;
  /** The browser's main process; the memory watch sums its process tree. */
  pid: number;
}

/**
 * Launched in-process (not through a browser server) so Playwright hands Chromium the files'
 * paths instead of copying their bytes over its protocol. Playwright does not expose the pid
 * then: it is the one new Chromium child of this process.
 */
export async function launchBrowser(env: BenchEnv): Promise<LaunchedBrowser> {
  const before = new Set(childrenRunning(process.pid, env.chromiumPath));
  const browser = await chromium.launch({
    executablePath: env.chromiumPath,
    args: env.chromiumArgs,
    headless: true,
  });
  const pid = childrenRunning(process.pid, env.chromiumPath).find((p) => !before.has(p));
  if (!pid) {
    await browser.close();
    throw new Error('could not find the browser process');
  }
  return { browser, pid };
}

export interface PageDriver {
  url: string;
  /** Extra init script (e.g. the portal's done probe). */
  initScript?: string;
  /** Resolves once the page can take files. */
  ready(page: Page): Promise<void>;
  /** Called right before the files are set (e.g. to tell a probe how many to expect). */
  beforeDrop?(page: Page): Promise<void>;
  /**
   * Waits until the page is done; resolves with the epoch ms it finished at and whether every
   * file succeeded by the page's own account.
   */
  waitDone(page: Page, timeoutMs: number): Promise<{ doneAt: number; ok: boolean; error?: string }>;
  inputSelector: string;
}

interface Probe {
  longTasks: Array<[number, number]>;
  changeAt: number | null;
  firstStorageRequestAt: number | null;
}

/**
 * `TaskDuration` of CDP's Performance metrics: seconds of work the page's main thread has done
 * so far (every task: script, style, layout, paint, the browser's own work for the page).
 */
async function mainThreadSeconds(
  cdp: import('@playwright/test').CDPSession,
): Promise<number | null> {
  try {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    return metrics.find((m) => m.name === 'TaskDuration')?.value ?? null;
  } catch {
    return null;
  }
}

async function heapUsed(cdp: import('@playwright/test').CDPSession): Promise<number | null> {
  try {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as {
      metrics: Array<{ name: string; value: number }>;
    };
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? null;
  } catch {
    return null;
  }
}

export async function runInBrowser(ctx: RunContext, driver: PageDriver): Promise<ToolOutcome> {
  const { env, workload } = ctx;
  let own: LaunchedBrowser | null = null;
  let context: BrowserContext | null = null;
  let memory: MemoryWatch | null = null;
  let heapTimer: NodeJS.Timeout | null = null;
  let signCalls = 0;
  let clientPuts = 0;
  let firstRequestAt: number | null = null;
  const pageErrors: string[] = [];
  let lapAt = performance.now();
  // BENCH_DEBUG=1 prints where a run spends its time.
  const lap = (what: string) => {
    if (!process.env.BENCH_DEBUG) return;
    const now = performance.now();
    ctx.log(`  ${what}: ${(now - lapAt).toFixed(0)} ms`);
    lapAt = now;
  };
  try {
    const launched = env.sharedBrowser ?? (own = await launchBrowser(env));
    const { pid } = launched;
    lap('launch');
    context = await launched.browser.newContext();
    context.on('request', (request) => {
      const url = request.url();
      if (url.startsWith(env.signer.api) || url.startsWith(env.singlePutSigner.api)) signCalls++;
      else if (url.startsWith(env.emulatorOrigin)) {
        firstRequestAt ??= Date.now();
        if (request.method() === 'PUT') clientPuts++;
      }
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(probeScript(env.emulatorOrigin));
    if (driver.initScript) await page.addInitScript(driver.initScript);
    await page.goto(driver.url);
    await driver.ready(page);
    lap('page ready');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    // Idle: the page has loaded and settled; the median of a few samples smooths out GC.
    await page.waitForTimeout(env.settleMs);
    const idle: Array<{ rss: number; pss: number | null; heap: number | null }> = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await page.waitForTimeout(env.settleMs / 5);
      const m = sampleMemory(pid);
      idle.push({ rss: m.rss, pss: m.pss, heap: await heapUsed(cdp) });
    }
    const idlePssValues = idle.map((s) => s.pss).filter((v): v is number => v !== null);
    const idleHeapValues = idle.map((s) => s.heap).filter((v): v is number => v !== null);

    memory = new MemoryWatch(pid).start();
    let peakHeap: number | null = median(idleHeapValues);
    const sampleHeap = async () => {
      const h = await heapUsed(cdp);
      if (h !== null) peakHeap = Math.max(peakHeap ?? 0, h);
    };
    heapTimer = setInterval(() => void sampleHeap(), 500);
    lap('idle sampled');

    // BENCH_TRACE=dir records a Chromium trace of each run there (where the time goes).
    const traceDir = process.env.BENCH_TRACE;
    if (traceDir) {
      const tracePath = path.join(traceDir, `${workload.id}-${Date.now()}.json`);
      ctx.log(`  tracing to ${tracePath}`);
      await launched.browser.startTracing(page, {
        path: tracePath,
        categories: TRACE_CATEGORIES,
      });
    }
    if (driver.beforeDrop) await driver.beforeDrop(page);
    const profileDir = process.env.BENCH_CPU_PROFILE;
    if (profileDir) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const mainBefore = await mainThreadSeconds(cdp);
    const cpuBefore = treeCpuSeconds(launched.pid);
    // One budget for the whole upload: setting the files (a page may do all its work inside
    // the `change` handler) and waiting for done.
    const deadline = Date.now() + ctx.timeoutMs;
    await page.setInputFiles(
      driver.inputSelector,
      workload.files.map((f) => f.path),
      { timeout: ctx.timeoutMs },
    );
    lap('files set');
    const finished = await driver.waitDone(page, Math.max(1000, deadline - Date.now()));
    lap('done');
    const mainAfter = await mainThreadSeconds(cdp);
    const cpuAfter = treeCpuSeconds(launched.pid);
    if (profileDir) {
      const { profile } = await cdp.send('Profiler.stop');
      const profilePath = path.join(profileDir, `${workload.id}-${Date.now()}.cpuprofile`);
      await writeFile(profilePath, JSON.stringify(profile));
      ctx.log(`  page's JavaScript profile: ${profilePath}`);
    }
    if (traceDir) await launched.browser.stopTracing();
    clearInterval(heapTimer);
    heapTimer = null;
    memory.stop();
    await sampleHeap();

    const probe = (await page.evaluate(
      () => (window as unknown as { __probe: Probe }).__probe,
    )) as Probe;
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    if (probe.changeAt === null) throw new Error('the page never saw the files (no change event)');
    const changeEpoch = timeOrigin + probe.changeAt;
    const donePage = finished.doneAt - timeOrigin;
    // Only main-thread time after the drop counts, clipped to the run. The task that delivers
    // the files first builds the FileList inside the browser (seconds for 10,000 files, the
    // same for every page) and only then dispatches `change`: that part is not the page's.
    const changeAt = probe.changeAt;
    const during = probe.longTasks
      .map(([start, duration]) => Math.min(start + duration, donePage) - Math.max(start, changeAt))
      .filter((d) => d > 0);
    const metrics: BrowserMetrics = {
      idleRss: median(idle.map((s) => s.rss)) ?? 0,
      peakRss: memory.peakRss,
      idlePss: median(idlePssValues),
      peakPss: memory.peakPss,
      idleHeap: median(idleHeapValues),
      peakHeap,
      mainThreadMs:
        mainBefore !== null && mainAfter !== null ? (mainAfter - mainBefore) * 1000 : null,
      cpuSeconds: cpuAfter - cpuBefore,
      longestTaskMs: Math.round(Math.max(0, ...during)),
      longTasksOver100: during.filter((d) => d > 100).length,
      // The page's own Resource Timing when it has it (XHR from the page), else the moment
      // Playwright saw the request (e.g. a request from a worker).
      firstRequestMs:
        probe.firstStorageRequestAt !== null
          ? Math.max(0, probe.firstStorageRequestAt - probe.changeAt)
          : firstRequestAt === null
            ? null
            : Math.max(0, firstRequestAt - changeEpoch),
    };
    const errors = [finished.error, ...pageErrors.map((e) => `page error: ${e}`)].filter(Boolean);
    return {
      ok: finished.ok,
      error: errors.length ? errors.join('; ').slice(0, 1000) : undefined,
      seconds: (finished.doneAt - changeEpoch) / 1000,
      signCalls,
      clientPuts,
      browser: metrics,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    const extra = pageErrors.length ? `; page errors: ${pageErrors.join('; ')}` : '';
    return {
      ok: false,
      error: `${message}${extra}`.slice(0, 1000),
      seconds: null,
      signCalls,
      clientPuts,
    };
  } finally {
    if (heapTimer) clearInterval(heapTimer);
    memory?.stop();
    await context?.close().catch(() => {});
    await own?.browser.close().catch(() => {});
    lap('browser closed');
  }
}
