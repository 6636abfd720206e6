/**
 * `npm run bench`: the portal against its peers, on this machine, in one invocation.
 *
 * Starts the real stack as `npm start` does (portal build, emulator, signer), the benchmark's own
 * pages (raw-XHR baseline, Uppy 6) on a separate origin, then for every workload runs every tool
 * `--reps` times, alternating tools (A B C … A B C …). Before each run the bucket is put back as
 * it was after start-up and the emulator's counters reset; after it, every object is verified
 * byte for byte. Then the signer load test, the CRC-64 speed and the bundle size check. Writes
 * Markdown and JSON
 * to `--out`.
 *
 * Exits non-zero when any run failed (a wrong, missing or extra object is a failure). `--smoke`
 * ends with the line `bench smoke: N runs ok, M failed`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';
import { MAX_SINGLE_PUT_BYTES } from '../protocol/schemas';
import { measureBundle } from './bundle-size';
import {
  formatCrc64Speed,
  hashWorkerAsset,
  measureCrc64InNode,
  measureCrc64InWorker,
} from './crc64-speed';
import {
  chromiumNetworkArgs,
  describeNetwork,
  LOOPBACK,
  type Network,
} from './network/network-profile';
import {
  formatSelfCheck,
  FULL_SELF_CHECK,
  runProxySelfCheck,
  SMOKE_SELF_CHECK,
  startSink,
  type SelfCheckResult,
} from './network/proxy-self-check';
import { launchProxyProcess, type ProxyProcess } from './network/proxy-process';
import { readEmulatorStats, resetEmulatorStats } from './emulator-stats';
import { cpuSeconds, treeCpuSeconds } from './metrics';
import { parseOptions, USAGE, type BenchOptions } from './options';
import { buildPages, startPageServer, type PageServer } from './page-server';
import {
  computeRatios,
  judgeTargets,
  summarise,
  toMarkdown,
  writeReport,
  type BenchReport,
  type RunRecord,
} from './report';
import { runSignerLoad } from './signer-load';
import { freePort, launchStack, type LaunchedStack } from '../scripts/launch-stack';
import { ROOT } from '../scripts/stack';
import { launchBrowser } from './tools/browser-run';
import { nodeTool } from './tools/node-put';
import { portalTool } from './tools/portal';
import { rawTool } from './tools/raw';
import type { BenchEnv, Tool, ToolId, ToolOutcome } from './tools/tool';
import { TOOL_LABELS } from './tools/tool';
import { uppyMultipartTool, uppyTool } from './tools/uppy';
import { clearBucket, listKeys, UPLOAD_PREFIX, verifyUploads, type CosTarget } from './verify';
import { formatBytes, MIB, prepareWorkload, scaledWorkload, type Workload } from './workloads';

const TOOLS: Record<ToolId, Tool> = {
  portal: portalTool,
  raw: rawTool,
  uppy: uppyTool,
  'uppy-multipart': uppyMultipartTool,
  node: nodeTool,
};

const startedAt = performance.now();
const log = (line: string) =>
  console.log(
    `[bench ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${line}`,
  );

function runCommand(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function getJson<T>(url: string, token?: string): Promise<T> {
  const res = await fetch(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

const versions = new Map<string, string>();

function chromiumVersion(binary: string): string {
  const known = versions.get(binary);
  if (known) return known;
  try {
    const version = execFileSync(binary, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    versions.set(binary, version);
    return version;
  } catch {
    return 'Chromium (version unknown)';
  }
}

/**
 * A generous ceiling per run (2 MB/s and 10 files/s, plus two minutes): a stuck run must end
 * as a failure, not hang the benchmark, but a slow peer on a busy machine must still get its
 * number. The smoke run's files are tiny, so it gives up sooner and stays well under a minute
 * even when an uploader is broken.
 */
function timeoutFor(workload: Workload, smoke: boolean): number {
  if (smoke) return 30_000;
  return 120_000 + (workload.totalBytes / 2e6) * 1000 + workload.count * 100;
}

async function withTimeout(promise: Promise<ToolOutcome>, ms: number): Promise<ToolOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ToolOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: `no result after ${Math.round(ms / 1000)} s`,
          seconds: null,
          signCalls: 0,
          clientPuts: 0,
        }),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Started {
  /** Keys in the bucket once everything had started; each run starts from exactly these. */
  baseline: Set<string>;
  stack: LaunchedStack;
  singlePut: LaunchedStack | null;
  pages: PageServer;
  env: BenchEnv;
  target: CosTarget;
  adminUrl: string;
  /** The shaping proxy and its self-check sink (`wan` only). */
  proxy: { process: ProxyProcess; closeSink(): Promise<void>; selfCheck: SelfCheckResult } | null;
}

function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 80) };
}

/**
 * `wan`: starts the shaping proxy in front of every server a client talks to (the signer, the
 * single-PUT signer, the emulator, the benchmark's page server) and a sink for its self-check,
 * then checks it against Node. A proxy that lets more through than configured stops the
 * benchmark; one that keeps less than configured (a busy machine) is reported.
 */
async function startNetwork(
  options: BenchOptions,
  servers: string[],
): Promise<{ network: Network; proxy: NonNullable<Started['proxy']> }> {
  const shaping = options.shaping!;
  const sink = await startSink();
  const targets = [...servers, sink.url].map(hostPort);
  let proxyProcess: ProxyProcess | null = null;
  try {
    log(`starting the shaping proxy: ${describeNetwork({ id: 'wan', shaping, proxyPorts: {} })}`);
    proxyProcess = await launchProxyProcess(shaping, targets);
    const proxyPorts: Record<string, number> = {};
    for (const { target, port } of proxyProcess.routes)
      proxyPorts[`${target.host}:${target.port}`] = port;
    const selfCheck = await runProxySelfCheck({
      sink,
      proxyPort: proxyPorts[new URL(sink.url).host]!,
      shaping,
      sizes: options.smoke ? SMOKE_SELF_CHECK : FULL_SELF_CHECK,
      tolerance: options.smoke ? 0.5 : 0.15,
    });
    log(formatSelfCheck(selfCheck));
    if (selfCheck.verdict === 'broken')
      throw new Error(
        `the shaping proxy does not shape as configured: ${selfCheck.problems.join('; ')}`,
      );
    delete proxyPorts[new URL(sink.url).host];
    return {
      network: { id: 'wan', shaping, proxyPorts },
      proxy: { process: proxyProcess, closeSink: () => sink.close(), selfCheck },
    };
  } catch (error) {
    await proxyProcess?.stop();
    await sink.close();
    throw error;
  }
}

async function startEverything(options: BenchOptions, needSinglePut: boolean): Promise<Started> {
  const chromiumPath = findChromium();
  if (!chromiumPath)
    throw new Error("no Chromium found (set CHROMIUM_PATH or install Debian's chromium)");
  log(
    options.build
      ? 'building the portal (vite build, as npm start does) and the benchmark pages'
      : 'building the benchmark pages',
  );
  const [pagesDir] = await Promise.all([
    buildPages(),
    options.build
      ? runCommand(process.execPath, [
          path.join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--logLevel',
          'warn',
        ])
      : undefined,
  ]);
  const pages = await startPageServer(pagesDir);
  const stacks: LaunchedStack[] = [];
  let proxy: Started['proxy'] = null;
  try {
    const port = await freePort();
    const portalOrigin = `http://127.0.0.1:${port}`;
    log('starting the stack (scripts/start.ts, as npm start runs it)');
    const stack = await launchStack({
      label: 'stack',
      env: {
        PORT: String(port),
        EMULATOR_PORT: String(await freePort()),
        EMULATOR_ADMIN_PORT: String(await freePort()),
        // The benchmark pages live on their own origin: the bucket and the signer must allow it.
        EXTRA_PORTAL_ORIGINS: pages.origin,
        PORTAL_ORIGINS: `${portalOrigin},${pages.origin}`,
        // The default, set explicitly because verification reads exactly this prefix.
        UPLOAD_PREFIX,
        // The smoke run proves the multipart path with a 7 MiB file instead of 65 MiB.
        ...(options.smoke
          ? { MULTIPART_THRESHOLD: String(6 * MIB), MULTIPART_PART_SIZE: String(5 * MIB) }
          : {}),
      },
    });
    stacks.push(stack);
    if (!stack.emulator)
      throw new Error('the stack started without the emulator (are COS_* variables set?)');
    const api = `${stack.portalUrl.replace(/\/$/, '')}/api/v1`;
    const link = await getJson<{ link: { multipartThreshold: number } }>(
      `${api}/link`,
      stack.linkToken,
    );
    const config = await getJson<{ concurrency?: number }>(
      `${stack.portalUrl.replace(/\/$/, '')}/config.json`,
    ).catch(() => ({ concurrency: undefined }));
    const target: CosTarget = {
      url: stack.emulator.url,
      bucket: stack.bucket,
      region: stack.region,
    };
    let singlePut: LaunchedStack | null = null;
    if (needSinglePut) {
      log(
        'starting the single-PUT signer (same code, MULTIPART_THRESHOLD = 5 GiB) for Uppy single-PUT runs',
      );
      singlePut = await launchStack({
        label: 'single-put',
        env: {
          COS_SECRET_ID: DEV_SECRET_ID,
          COS_SECRET_KEY: DEV_SECRET_KEY,
          COS_BUCKET: stack.bucket,
          COS_REGION: stack.region,
          COS_DOMAIN: stack.emulator.url,
          MULTIPART_THRESHOLD: String(MAX_SINGLE_PUT_BYTES),
          LINK_SECRET: randomBytes(32).toString('base64url'),
          PORTAL_ORIGINS: pages.origin,
          UPLOAD_PREFIX,
        },
      });
      stacks.push(singlePut);
    }
    let network = LOOPBACK;
    if (options.network === 'wan') {
      const started = await startNetwork(options, [
        stack.portalUrl,
        stack.emulator.url,
        pages.origin,
        ...(singlePut ? [singlePut.portalUrl] : []),
      ]);
      network = started.network;
      proxy = started.proxy;
    }
    const env: BenchEnv = {
      portalLinkUrl: stack.linkUrl,
      signer: { api, linkToken: stack.linkToken },
      singlePutSigner: singlePut
        ? {
            api: `${singlePut.portalUrl.replace(/\/$/, '')}/api/v1`,
            linkToken: singlePut.linkToken,
          }
        : { api, linkToken: stack.linkToken },
      multipartThreshold: link.link.multipartThreshold,
      emulatorOrigin: new URL(stack.emulator.url).origin,
      pageOrigin: pages.origin,
      concurrency: config.concurrency ?? 6,
      chromiumPath,
      chromiumArgs: [...CHROMIUM_ARGS, ...chromiumNetworkArgs(network)],
      network,
      settleMs: options.smoke ? 200 : 1000,
    };
    if (options.smoke) env.sharedBrowser = await launchBrowser(env);
    const baseline = new Set(await listKeys(target));
    return {
      baseline,
      stack,
      singlePut,
      pages,
      env,
      target,
      adminUrl: stack.emulator.adminUrl,
      proxy,
    };
  } catch (error) {
    await proxy?.process.stop();
    await proxy?.closeSink();
    for (const s of stacks) await s.stop();
    await pages.close();
    throw error;
  }
}

async function runOne(
  started: Started,
  tool: Tool,
  workload: Workload,
  rep: number,
  smoke: boolean,
): Promise<RunRecord> {
  const { env, target, adminUrl } = started;
  const t0 = performance.now();
  await clearBucket(target, started.baseline);
  await resetEmulatorStats(adminUrl);
  const proxyBefore = (await started.proxy?.process.stats()) ?? null;
  const t1 = performance.now();
  const timeoutMs = timeoutFor(workload, smoke);
  const cpuBefore = serverCpu(started);
  const outcome = await withTimeout(
    tool.run({ env, workload, timeoutMs, log }),
    timeoutMs + 60_000,
  );
  const cpuAfter = serverCpu(started);
  const t2 = performance.now();
  const proxyAfter = (await started.proxy?.process.stats()) ?? null;
  const proxy =
    proxyBefore && proxyAfter
      ? {
          connections: proxyAfter.connections - proxyBefore.connections,
          bytesUp: proxyAfter.bytesUp - proxyBefore.bytesUp,
          bytesDown: proxyAfter.bytesDown - proxyBefore.bytesDown,
        }
      : undefined;
  // On wan every tool's uploads must have passed the proxy: fewer bytes than the files hold
  // means some went around it, and the run measured the wrong network.
  const bypassed =
    proxy && proxy.bytesUp < workload.totalBytes
      ? `only ${proxy.bytesUp} of ${workload.totalBytes} bytes passed the shaping proxy`
      : undefined;
  const emulator = await readEmulatorStats(adminUrl).catch(() => ({}));
  const verify = await verifyUploads(target, workload).catch((error: unknown) => ({
    ok: false,
    objects: 0,
    matched: 0,
    problems: [
      `verification could not run: ${error instanceof Error ? error.message : String(error)}`,
    ],
  }));
  const t3 = performance.now();
  if (process.env.BENCH_DEBUG)
    log(
      `  phases: clear ${(t1 - t0).toFixed(0)} ms, run ${(t2 - t1).toFixed(0)} ms, verify ${(t3 - t2).toFixed(0)} ms`,
    );
  return {
    workload: workload.id,
    tool: tool.id,
    rep,
    ok: outcome.ok && verify.ok && outcome.seconds !== null && !bypassed,
    error: outcome.error ?? bypassed ?? (verify.ok ? undefined : 'objects did not verify'),
    seconds: outcome.seconds,
    signCalls: outcome.signCalls,
    clientPuts: outcome.clientPuts,
    emulator,
    verify,
    browser: outcome.browser,
    proxy,
    serverCpu: {
      signer: cpuAfter.signer - cpuBefore.signer,
      emulator: cpuAfter.emulator - cpuBefore.emulator,
    },
  };
}

/**
 * CPU seconds so far of the signer (each start.ts process runs its signer in-process: the
 * main stack's and the single-PUT one's) and of the emulator (the main stack's child).
 */
function serverCpu(started: Started): { signer: number; emulator: number } {
  const launchers = [started.stack.pid, ...(started.singlePut ? [started.singlePut.pid] : [])];
  const signer = launchers.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const emulator = treeCpuSeconds(started.stack.pid) - cpuSeconds(started.stack.pid);
  return { signer, emulator };
}

function describe(record: RunRecord): string {
  const head = `${record.workload} ${TOOL_LABELS[record.tool]} #${record.rep}`;
  if (!record.ok) {
    const why = [record.error, ...(record.verify?.problems.slice(0, 3) ?? [])]
      .filter(Boolean)
      .join('; ');
    return `${head}: FAILED ${why}`;
  }
  const b = record.browser;
  const extra = b
    ? `, browser +${((b.peakRss - b.idleRss) / MIB).toFixed(0)} MiB, longest task ${b.longestTaskMs} ms`
    : '';
  const p = record.proxy;
  const network = p
    ? `, ${p.connections} connections through the proxy (${(p.bytesUp / 1e6).toFixed(1)} MB up)`
    : '';
  return `${head}: ${record.seconds!.toFixed(2)} s, ${record.verify?.matched} objects verified${extra}${network}`;
}

interface ReportInput {
  opts: BenchOptions;
  env: BenchEnv;
  workloads: Workload[];
  runs: RunRecord[];
  notApplicable: BenchReport['notApplicable'];
  signerLoad?: BenchReport['signerLoad'];
  bundle?: BenchReport['bundle'];
  crc64?: BenchReport['crc64'];
  /** True while runs are still going (the report is rewritten after every run). */
  partial?: boolean;
  selfCheck: SelfCheckResult | null;
}

const invocationDate = new Date().toISOString();

function buildReport(input: ReportInput): BenchReport {
  const { opts, env, workloads, runs, notApplicable } = input;
  const signerLoad = input.signerLoad ?? null;
  const bundle = input.bundle ?? null;
  const crc64 = input.crc64 ?? null;
  const summaries = workloads.flatMap((w) =>
    opts.tools.map((tool) =>
      summarise(
        w,
        tool,
        runs.filter((r) => r.workload === w.id && r.tool === tool),
        notApplicable.find((n) => n.workload === w.id && n.tool === tool)?.reason,
      ),
    ),
  );
  const cpu = os.cpus();
  const workloadInfo = workloads.map(({ id, title, count, size, scaled, totalBytes }) => ({
    id,
    title,
    count,
    size,
    scaled,
    totalBytes,
  }));
  return {
    environment: {
      date: invocationDate,
      command: [
        'npm run bench',
        ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
      ].join(' '),
      cpuModel: cpu[0]?.model.trim() ?? 'unknown CPU',
      cpus: cpu.length,
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      chromium: chromiumVersion(env.chromiumPath),
      os: `${os.type()} ${os.release()}`,
      reps: opts.reps,
      scale: opts.scale,
      concurrency: env.concurrency,
      multipartThreshold: env.multipartThreshold,
      smoke: opts.smoke,
      partial: input.partial ?? false,
      network: env.network.id,
      networkDescription: describeNetwork(env.network),
      proxySelfCheck: input.selfCheck,
    },
    workloads: workloadInfo,
    runs,
    notApplicable,
    summaries,
    ratios: computeRatios(summaries),
    signerLoad,
    bundle,
    crc64,
    targets: judgeTargets(summaries, signerLoad, bundle, workloadInfo, crc64, env.network.id),
  };
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const opts = options;
  const plannedRuns = opts.workloads.length * opts.tools.length * opts.reps;
  const filesDir = opts.filesDir ?? mkdtempSync(path.join(os.tmpdir(), 'cup-bench-files-'));
  const outDir = path.resolve(ROOT, opts.out);
  let started: Started | null = null;
  const runs: RunRecord[] = [];
  const notApplicable: BenchReport['notApplicable'] = [];
  try {
    started = await startEverything(opts, opts.tools.includes('uppy'));
    const env = started.env;
    const scale = {
      scale: opts.scale,
      minSingleFileSize: env.multipartThreshold + MIB,
      overrides: opts.overrides,
    };
    const workloads: Workload[] = [];
    for (const id of opts.workloads) {
      workloads.push(await prepareWorkload(scaledWorkload(id, scale), filesDir, opts.seed, log));
    }

    for (const workload of workloads) {
      log(`${workload.id}: ${workload.count} × ${formatBytes(workload.size)}`);
      const tools = opts.tools.map((id) => TOOLS[id]);
      const active = tools.filter((tool) => {
        const reason = tool.notApplicable(workload, env);
        if (reason) notApplicable.push({ workload: workload.id, tool: tool.id, reason });
        return !reason;
      });
      for (let rep = 1; rep <= opts.reps; rep++) {
        for (const tool of active) {
          const record = await runOne(started, tool, workload, rep, opts.smoke);
          runs.push(record);
          log(describe(record));
          // Kept current after every run, so an interrupted benchmark still leaves its numbers.
          writeReport(
            buildReport({
              opts,
              env,
              workloads,
              runs,
              notApplicable,
              partial: true,
              selfCheck: started.proxy?.selfCheck ?? null,
            }),
            outDir,
          );
        }
      }
    }

    let signerLoad: BenchReport['signerLoad'] = null;
    if (opts.signerLoad) {
      signerLoad = await runSignerLoad({
        target: started.target,
        batches: [1, 100],
        connections: 64,
        durationSeconds: opts.signerSeconds,
        warmupSeconds: opts.smoke ? 0 : 2,
        log,
      }).catch((error: unknown) => ({
        error: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      }));
    }
    let crc64: BenchReport['crc64'] = null;
    if (opts.crc64) {
      // Smoke runs only prove the measurement works.
      const bytes = (opts.smoke ? 16 : 256) * MIB;
      try {
        log('CRC-64 speed: in Node as the emulator hashes, and in the portal’s hash worker');
        const node = measureCrc64InNode(bytes);
        const worker = await measureCrc64InWorker({
          chromiumPath: env.chromiumPath,
          chromiumArgs: CHROMIUM_ARGS,
          pageUrl: env.portalLinkUrl,
          workerPath: hashWorkerAsset(),
          bytes,
        });
        crc64 = [...node, worker.speed];
        for (const speed of crc64) log(`  ${formatCrc64Speed(speed)}`);
      } catch (error) {
        crc64 = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      }
    }
    let bundle: BenchReport['bundle'] = null;
    if (opts.bundle) {
      try {
        bundle = measureBundle();
      } catch (error) {
        bundle = { error: error instanceof Error ? error.message : String(error) };
      }
    }

    const report = buildReport({
      opts,
      env,
      workloads,
      runs,
      notApplicable,
      signerLoad,
      bundle,
      crc64,
      selfCheck: started.proxy?.selfCheck ?? null,
    });
    const written = writeReport(report, outDir);
    console.log('');
    console.log(toMarkdown(report));
    log(`wrote ${path.relative(ROOT, written.markdown)} and ${path.relative(ROOT, written.json)}`);
  } catch (error) {
    console.error(
      `[bench] could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    if (opts.smoke)
      console.log(
        `bench smoke: ${runs.filter((r) => r.ok).length} runs ok, ${Math.max(1, plannedRuns - runs.filter((r) => r.ok).length)} failed`,
      );
    return 1;
  } finally {
    if (started) {
      await started.env.sharedBrowser?.browser.close().catch(() => {});
      await Promise.all([
        started.singlePut?.stop(),
        started.stack.stop(),
        started.pages.close(),
        started.proxy?.process.stop(),
        started.proxy?.closeSink(),
      ]);
    }
    if (!opts.filesDir) rmSync(filesDir, { recursive: true, force: true });
  }
  const ok = runs.filter((r) => r.ok).length;
  const failed = runs.length - ok;
  if (opts.smoke) console.log(`bench smoke: ${ok} runs ok, ${failed} failed`);
  return failed > 0 || runs.length === 0 ? 1 : 0;
}

process.exit(await main());
