/**
 * `npm test`: every suite, then one closing line `N passed, N failed`.
 * Suites: static checks (typecheck, lint), unit/integration (vitest), end to end (Playwright),
 * a smoke run of the benchmark harness, and the portal's size budget (issue 7).
 * A suite that could not run counts as a failure, never as a skip.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BundleBudgetError, checkBundleBudget, formatBundleReport } from '../bench/bundle-size';
import { findChromium } from './find-chromium';

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cup-test-'));

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function check(name: string, script: string): Promise<SuiteResult> {
  console.log(`\n── ${name} ──`);
  const code = await run('npm', ['run', '-s', script]);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

async function vitest(): Promise<SuiteResult> {
  console.log('\n── unit and integration tests (vitest) ──');
  const out = path.join(tmp, 'vitest.json');
  const code = await run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  const report = readJson(out) as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
    numTodoTests?: number;
  } | null;
  if (!report || typeof report.numPassedTests !== 'number') {
    return { name: 'vitest', passed: 0, failed: 1 };
  }
  // Skipped or todo tests count as failures: a test that did not run proves nothing.
  const failed =
    (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { name: 'vitest', passed: report.numPassedTests, failed: failed || (code === 0 ? 0 : 1) };
}

async function playwright(): Promise<SuiteResult> {
  console.log('\n── end-to-end tests (Playwright + Chromium) ──');
  if (!findChromium()) {
    console.error(
      "No Chromium found. Install Debian's package (`apt-get install chromium`, as .ci/run does) " +
        'or set CHROMIUM_PATH to a Chromium binary. The end-to-end suite counts as failed.',
    );
    return { name: 'playwright', passed: 0, failed: 1 };
  }
  const out = path.join(tmp, 'playwright.json');
  const code = await run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
  });
  const report = readJson(out) as {
    stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
  } | null;
  if (!report?.stats) return { name: 'playwright', passed: 0, failed: 1 };
  const { expected, unexpected, flaky, skipped } = report.stats;
  // A flaky test (failed, then passed on retry) still counts as passed; skips count as failed.
  const failed = unexpected + skipped;
  return { name: 'playwright', passed: expected + flaky, failed: failed || (code === 0 ? 0 : 1) };
}

/**
 * The benchmark harness, at tiny sizes: proves it works end to end; never asserts timings.
 * Twice: on loopback (everything, signer load and bundle included), then through the shaping
 * proxy (`--network wan`: its self-check against Node, then every tool's uploads through it),
 * reusing the portal the first run built.
 */
async function benchSmoke(): Promise<SuiteResult> {
  const runs: Array<[string, string[]]> = [
    ['loopback', []],
    ['wan', ['--network', 'wan', '--no-build', '--no-signer-load', '--no-bundle']],
  ];
  let passed = 0;
  let failed = 0;
  for (const [label, extra] of runs) {
    console.log(`\n── benchmark harness smoke run (${label}) ──`);
    let last = '';
    const code = await new Promise<number>((resolve) => {
      const child = spawn(
        'npx',
        ['tsx', 'bench/run.ts', '--smoke', ...extra, '--out', path.join(tmp, `bench-${label}`)],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child.stdout.on('data', (chunk: Buffer) => {
        process.stdout.write(chunk);
        const lines = (last + chunk.toString()).split('\n');
        last = lines.slice(-2).join('\n');
      });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    const match = /bench smoke: (\d+) runs ok, (\d+) failed/.exec(last);
    if (!match) {
      failed++;
      continue;
    }
    passed += Number(match[1]);
    failed += Number(match[2]) || (code === 0 ? 0 : 1);
  }
  return { name: 'bench smoke', passed, failed };
}

/**
 * The portal's initial JavaScript (entry chunk and its static imports, gzipped) stays within
 * budget: a fresh `vite build` into a temp folder (never the dist/ a running stack serves),
 * measured by bench/bundle-size.ts.
 */
async function bundle(): Promise<SuiteResult> {
  console.log('\n── bundle size budget ──');
  const outDir = path.join(tmp, 'dist');
  const code = await run('npx', [
    'vite',
    'build',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  if (code !== 0) return { name: 'bundle', passed: 0, failed: 1 };
  try {
    console.log(formatBundleReport(checkBundleBudget(outDir)));
    return { name: 'bundle', passed: 1, failed: 0 };
  } catch (error) {
    if (error instanceof BundleBudgetError) console.error(formatBundleReport(error.report));
    else console.error(error instanceof Error ? error.message : String(error));
    return { name: 'bundle', passed: 0, failed: 1 };
  }
}

const only = process.argv.slice(2);
const suites: Array<[string, () => Promise<SuiteResult>]> = [
  ['typecheck', () => check('typecheck', 'typecheck')],
  ['lint', () => check('lint', 'lint')],
  ['unit', vitest],
  ['e2e', playwright],
  ['bench', benchSmoke],
  ['bundle', bundle],
];

const results: SuiteResult[] = [];
for (const [name, fn] of suites) {
  if (only.length && !only.includes(name)) continue;
  results.push(await fn());
}
rmSync(tmp, { recursive: true, force: true });

console.log('\n── summary ──');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || results.length === 0 ? 1 : 0);
