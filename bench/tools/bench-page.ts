/**
 * Driver for the benchmark's own pages (bench/pages): they report through `window.__bench`.
 */
import type { BenchState } from '../pages/signer-client';
import type { PageDriver } from './browser-run';
import type { SignerEndpoint } from './tool';

export function benchPageUrl(
  pageOrigin: string,
  page: 'raw' | 'uppy',
  signer: SignerEndpoint,
  options: { concurrency: number; mode?: 'single' | 'multipart' },
): string {
  const q = new URLSearchParams({
    api: signer.api,
    token: signer.linkToken,
    concurrency: String(options.concurrency),
    mode: options.mode ?? 'single',
  });
  return `${pageOrigin}/${page}.html?${q}`;
}

export function benchPageDriver(url: string, expected: number): PageDriver {
  const read = () => (window as unknown as { __bench?: BenchState }).__bench;
  return {
    url,
    inputSelector: 'input[type="file"]',
    async ready(page) {
      await page.waitForFunction(
        () => (window as unknown as { __bench?: BenchState }).__bench?.ready === true,
      );
    },
    async waitDone(page, timeoutMs) {
      await page.waitForFunction(
        () => (window as unknown as { __bench?: BenchState }).__bench?.done === true,
        null,
        { timeout: timeoutMs, polling: 200 },
      );
      const state = (await page.evaluate(read))!;
      const ok = state.failed === 0 && state.ok === expected;
      return {
        doneAt: state.doneAt ?? Date.now(),
        ok,
        error: ok
          ? undefined
          : `${state.ok}/${expected} files uploaded, ${state.failed} failed${state.errors.length ? `: ${state.errors.slice(0, 5).join('; ')}` : ''}`,
      };
    },
  };
}
