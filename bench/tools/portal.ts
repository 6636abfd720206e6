/**
 * The portal, as `npm start` serves it, opened on the demo share link. It is done when every
 * file's row says `done` (verified by the signer against COS). Rows may be virtualised (only
 * the visible ones exist in the DOM), so the probe waits for one successful
 * `/uploads/complete` per file (each is a verification) and then for every rendered row to show
 * `done`; any row that turns `failed`, `rejected` or `cancelled` ends the run as failed.
 */
import { runInBrowser, type PageDriver } from './browser-run';
import type { Tool } from './tool';

interface PortalProbe {
  expected: number;
  completes: number;
  doneAt: number | null;
  failure: string | null;
}

function probeScript(completePath: string): string {
  return `(() => {
  const state = { expected: 0, completes: 0, doneAt: null, failure: null };
  window.__portal = state;
  const ROW = '[data-testid="file-row"]';
  const allRowsDone = () => {
    const rows = document.querySelectorAll(ROW);
    if (rows.length === 0) return false;
    for (const row of rows) if (row.getAttribute('data-status') !== 'done') return false;
    return true;
  };
  const checkFailure = () => {
    if (state.failure || state.doneAt) return;
    const bad = document.querySelector(ROW + '[data-status="failed"],' + ROW + '[data-status="rejected"],' + ROW + '[data-status="cancelled"]');
    if (bad) {
      state.failure = (bad.getAttribute('data-file-name') || '?') + ': ' + bad.getAttribute('data-status') + ' ' + (bad.textContent || '').trim().slice(0, 200);
    }
  };
  let watching = false;
  const watchRows = () => {
    if (watching) return;
    watching = true;
    const frame = () => {
      if (state.doneAt || state.failure) return;
      if (allRowsDone()) state.doneAt = performance.timeOrigin + performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name.includes(${JSON.stringify(completePath)}) && (e.responseStatus === undefined || e.responseStatus === 200)) {
        state.completes++;
      }
    }
    if (state.expected > 0 && state.completes >= state.expected) watchRows();
  }).observe({ type: 'resource' });
  setInterval(checkFailure, 250);
})();`;
}

export const portalTool: Tool = {
  id: 'portal',
  notApplicable: () => null,
  run(ctx) {
    const expected = ctx.workload.count;
    const driver: PageDriver = {
      url: ctx.env.portalLinkUrl,
      initScript: probeScript('/api/v1/uploads/complete'),
      inputSelector: '[data-testid="file-input"]',
      async ready(page) {
        await page
          .locator('[data-testid="file-input"]')
          .waitFor({ state: 'attached', timeout: 15_000 });
      },
      async beforeDrop(page) {
        await page.evaluate((n) => {
          (window as unknown as { __portal: PortalProbe }).__portal.expected = n;
        }, expected);
      },
      async waitDone(page, timeoutMs) {
        const read = () => (window as unknown as { __portal: PortalProbe }).__portal;
        try {
          await page.waitForFunction(
            () => {
              const s = (window as unknown as { __portal: PortalProbe }).__portal;
              return s.doneAt !== null || s.failure !== null;
            },
            null,
            { timeout: timeoutMs, polling: 200 },
          );
        } catch {
          const s = await page.evaluate(read);
          return {
            doneAt: Date.now(),
            ok: false,
            error: `timed out: ${s.completes}/${expected} files verified`,
          };
        }
        const s = await page.evaluate(read);
        if (s.failure) return { doneAt: Date.now(), ok: false, error: s.failure };
        return { doneAt: s.doneAt!, ok: true };
      },
    };
    return runInBrowser(ctx, driver);
  },
};
