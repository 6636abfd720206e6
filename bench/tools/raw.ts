/** The raw-XHR page (bench/pages/raw.ts): the in-browser ceiling of the signer's protocol. */
import { runInBrowser } from './browser-run';
import { benchPageDriver, benchPageUrl } from './bench-page';
import type { Tool } from './tool';

export const rawTool: Tool = {
  id: 'raw',
  notApplicable: () => null,
  run(ctx) {
    const url = benchPageUrl(ctx.env.pageOrigin, 'raw', ctx.env.signer, {
      concurrency: ctx.env.concurrency,
    });
    return runInBrowser(ctx, benchPageDriver(url, ctx.workload.count));
  },
};
