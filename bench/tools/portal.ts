/**
 * The portal, as `npm start` serves it, opened on the demo share link. It is done when its
 * "done" count (files verified by the signer against COS) reaches the number of files, as the
 * person sees it: the probe reads the count once per frame, so the time includes the portal's
 * own rendering. Rows may be virtualised (only the visible ones exist in the DOM); any that
 * turns `failed`, `rejected` or `cancelled`, or a non-zero "failed" count, ends the run as failed.
 */
import { runInBrowser, type PageDriver } from './browser-run';
import type { Tool } from './tool';

interface PortalProbe {
  expected: number;
  done: number;
  doneAt: number | null;
  failure: string | null;
}

const PROBE_SCRIPT = `(() => {
  const state = { expected: 0, done: 0, doneAt: null, failure: null };
  window.__portal = state;
  const ROW = '[data-testid="file-row"]';
  const count = (filter) => {
    const el = document.querySelector('[data-filter="' + filter + '"] .filter__count');
    return el ? Number((el.textContent || '').replace(/\\D/g, '')) : 0;
  };
  const frame = () => {
    if (state.doneAt || state.failure) return;
    if (state.expected > 0) {
      state.done = count('done');
      const bad = document.querySelector(ROW + '[data-status="failed"],' + ROW + '[data-status="rejected"],' + ROW + '[data-status="cancelled"]');
      if (bad) {
        state.failure = (bad.getAttribute('data-file-name') || '?') + ': ' + bad.getAttribute('data-status') + ' ' + (bad.textContent || '').trim().slice(0, 200);
      } else if (count('failed') > 0) {
        state.failure = count('failed') + ' files failed';
      } else if (state.done >= state.expected) {
        state.doneAt = performance.timeOrigin + performance.now();
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

export const portalTool: Tool = {
  id: 'portal',
  notApplicable: () => null,
  run(ctx) {
    const expected = ctx.workload.count;
    const driver: PageDriver = {
      url: ctx.env.portalLinkUrl,
      initScript: PROBE_SCRIPT,
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
            error: `timed out: ${s.done}/${expected} files verified`,
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
