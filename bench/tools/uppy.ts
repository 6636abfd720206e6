/**
 * Uppy 6 (bench/pages/uppy.ts) in its two modes. Single PUT needs a single pre-signed PUT even
 * for files above the signer's multipart threshold, so for those it signs through the
 * single-PUT instance of the signer; multipart only exists for files the signer plans as
 * multipart.
 */
import { runInBrowser } from './browser-run';
import { benchPageDriver, benchPageUrl } from './bench-page';
import type { Tool } from './tool';

export const uppyTool: Tool = {
  id: 'uppy',
  notApplicable: () => null,
  run(ctx) {
    const { env, workload } = ctx;
    const signer = workload.size > env.multipartThreshold ? env.singlePutSigner : env.signer;
    const url = benchPageUrl(env.pageOrigin, 'uppy', signer, {
      concurrency: env.concurrency,
      mode: 'single',
    });
    return runInBrowser(ctx, benchPageDriver(url, workload.count));
  },
};

export const uppyMultipartTool: Tool = {
  id: 'uppy-multipart',
  notApplicable: (workload, env) =>
    workload.size > env.multipartThreshold
      ? null
      : 'files below the multipart threshold get single-PUT plans from the signer',
  run(ctx) {
    const url = benchPageUrl(ctx.env.pageOrigin, 'uppy', ctx.env.signer, {
      concurrency: ctx.env.concurrency,
      mode: 'multipart',
    });
    return runInBrowser(ctx, benchPageDriver(url, ctx.workload.count));
  },
};
