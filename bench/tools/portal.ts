/**
 * The portal, as `npm start` serves it, opened on the demo share link. It is done when its
 * "done" count (files verified by the signer against COS) reaches the number of files, as the
 * person sees it: the probe reads the count whenever the page changes it, so the time includes
 * the portal's own rendering. A non-zero "failed" or "not accepted" count ends the run as failed
 * (named after the first such row on screen; rows are virtualised).
 */
import { runInBrowser, type PageDriver } from './browser-run';
import type { Tool } from './tool';

interface PortalProbe {
  expected: number;
  done: number;
  doneAt: number | null;
  failure: string | null;
  check(): void;
}

const PROBE_SCRIPT = `(() => {
  const state = { expected: 0, done: 0, doneAt: null, failure: null };
  window.__portal = state;
  const ROW = '[data-testid="file-row"]';
  const count = (filter) => {
    const el = document.querySelector('[data-filter="' + filter + '"] .filter__count');
    return el ? Number((el.textContent || '').replace(/\\D/g, '')) : 0;
  };
  const check = () => {
    if (state.doneAt || state.failure || state.expected === 0) return;
    state.done = count('done');
    const failed = count('failed') + count('rejected');
    if (failed > 0) {
      const bad = document.querySelector(ROW + '[data-status="failed"],' + ROW + '[data-status="rejected"],' + ROW + '[data-status="cancelled"]');
      state.failure = bad
        ? (bad.getAttribute('data-file-name') || '?') + ': ' + bad.getAttribute('data-status') + ' ' + (bad.textContent || '').trim().slice(0, 200)
        : failed + ' files failed';
    } else if (state.done >= state.expected) {
      state.doneAt = performance.timeOrigin + performance.now();
    }
  };
  // Woken by the DOM changes themselves rather than polling every frame: a requestAnimationFrame
  // loop would make the page render sixty frames a second that it would not render otherwise.
  // The whole document until the filter bar exists, then only the bar (its counts).
  let watched = null;
  const observer = new MutationObserver(() => {
    if (watched === null || !watched.isConnected) {
      const bar = document.querySelector('.filters');
      if (bar !== watched) {
        observer.disconnect();
        watched = bar;
        observer.observe(bar || document, { subtree: true, childList: true, characterData: true });
      }
    }
    check();
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
  state.check = check;
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
          const probe = (window as unknown as { __portal: PortalProbe }).__portal;
          probe.expected = n;
          probe.check();
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
