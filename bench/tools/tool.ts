/**
 * What every uploader under test looks like to the harness: a way to upload a workload's files
 * to the shared emulator and to say when it believes it is done. Whether it really is done is
 * decided afterwards by `verify.ts`, never by the tool.
 */
import type { Network } from '../network/network-profile';
import type { Workload } from '../workloads';
import type { LaunchedBrowser } from './browser-run';

export const TOOL_IDS = ['portal', 'raw', 'uppy', 'uppy-multipart', 'node'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

export const TOOL_LABELS: Record<ToolId, string> = {
  portal: 'portal',
  raw: 'raw XHR page',
  uppy: 'Uppy 6 single PUT',
  'uppy-multipart': 'Uppy 6 multipart',
  node: 'Node http PUT',
};

export interface SignerEndpoint {
  /** Absolute API base, `http://127.0.0.1:PORT/api/v1`. */
  api: string;
  linkToken: string;
}

/** What the harness started, shared by every run. */
export interface BenchEnv {
  portalLinkUrl: string;
  /** The signer `npm start` runs, used by every tool unless stated otherwise. */
  signer: SignerEndpoint;
  /**
   * The same signer code against the same emulator, configured to plan single PUTs up to COS's
   * 5 GB limit: only Uppy's single-PUT mode uses it, for files above the multipart threshold.
   */
  singlePutSigner: SignerEndpoint;
  multipartThreshold: number;
  emulatorOrigin: string;
  pageOrigin: string;
  /** Requests in flight at once for every tool (the browser's per-host limit; portal default). */
  concurrency: number;
  chromiumPath: string;
  /** Includes the flags that route Chromium through the shaping proxy on `wan`. */
  chromiumArgs: string[];
  /** Loopback, or the shaping proxy every client's traffic passes. */
  network: Network;
  /** How long a page may settle before the idle memory is sampled (short in smoke runs). */
  settleMs: number;
  /** One browser for every run (smoke only); otherwise each run launches its own. */
  sharedBrowser?: LaunchedBrowser;
}

export interface BrowserMetrics {
  /** Browser process tree, bytes: after the page settled, before the files were set. */
  idleRss: number;
  peakRss: number;
  idlePss: number | null;
  peakPss: number | null;
  /** `JSHeapUsedSize` from CDP Performance.getMetrics, bytes. */
  idleHeap: number | null;
  peakHeap: number | null;
  /**
   * Main-thread work of the page from just before the drop to done, ms (CDP `TaskDuration`):
   * includes setting the files, the page's handling of them, every request it made.
   */
  mainThreadMs: number | null;
  /** Longest main-thread task between the drop and done, ms (Long Tasks API: only tasks ≥ 50 ms). */
  longestTaskMs: number;
  longTasksOver100: number;
  /** From the drop (input `change`) to the first request towards COS, ms. */
  firstRequestMs: number | null;
  /** CPU seconds of the browser's whole process tree (browser, renderer, network, GPU, workers) from just before the drop to done. */
  cpuSeconds: number;
}

export interface RequestCounts {
  /** Calls to the signing API (POST /uploads, /uploads/sign, /uploads/complete, …). */
  sign: number;
  /** Emulator counters for the run, by operation, as its admin API reports them. */
  emulator: Record<string, number>;
}

export interface ToolOutcome {
  /** The tool itself reported success for every file (verification comes on top). */
  ok: boolean;
  error?: string;
  /** From the drop to done, seconds; null when it never finished. */
  seconds: number | null;
  signCalls: number;
  /** PUTs the client itself sent to COS (objects and parts). */
  clientPuts: number;
  browser?: BrowserMetrics;
}

export interface RunContext {
  env: BenchEnv;
  workload: Workload;
  timeoutMs: number;
  log: (line: string) => void;
}

export interface Tool {
  id: ToolId;
  /** Null when the tool applies to the workload, else why not (shown in the report). */
  notApplicable(workload: Workload, env: BenchEnv): string | null;
  run(ctx: RunContext): Promise<ToolOutcome>;
}
