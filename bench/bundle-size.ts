/**
 * The portal's initial JavaScript, gzipped: the module scripts `dist/index.html` loads, their
 * `modulepreload` links, and everything those import statically (followed transitively).
 * Lazily imported chunks (`import("./x.js")`) are not initial and do not count. Gzip at zlib's
 * default level, the figure Vite prints after a build; 1 KB = 1000 bytes.
 *
 * `tsx bench/bundle-size.ts` prints the sizes and exits 1 over budget (or without a build).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUNDLE_BUDGET_BYTES = 130_000;

export interface BundleChunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  chunks: BundleChunk[];
  totalBytes: number;
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; never `import(`. */
const STATIC_IMPORT =
  /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** Entry scripts and preloads named by the HTML, as paths relative to `distDir`. */
function entries(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attr(tag, 'src');
    if (src && /module/i.test(attr(tag, 'type') ?? '')) out.push(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = attr(tag, 'rel') ?? '';
    const href = attr(tag, 'href');
    if (href && /\bmodulepreload\b/i.test(rel)) out.push(href);
  }
  return out;
}

function resolveInDist(distDir: string, fromFile: string | null, spec: string): string | null {
  if (/^[a-z]+:/i.test(spec) || spec.startsWith('//')) return null; // another origin: not ours
  const abs = spec.startsWith('/')
    ? path.join(distDir, spec)
    : path.resolve(fromFile ? path.dirname(fromFile) : distDir, spec);
  return abs.startsWith(distDir) ? abs : null;
}

export function measureBundle(distDir = path.join(ROOT, 'dist')): BundleReport {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`no ${indexFile}: run \`npx vite build\` first`);
  const queue = entries(readFileSync(indexFile, 'utf8'))
    .map((spec) => resolveInDist(distDir, null, spec))
    .filter((f): f is string => f !== null);
  const seen = new Set<string>();
  const chunks: BundleChunk[] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file))
      throw new Error(`index.html refers to a missing file: ${path.relative(distDir, file)}`);
    const code = readFileSync(file);
    chunks.push({
      file: path.relative(distDir, file),
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
    });
    for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
      const next = resolveInDist(distDir, file, m[1]!);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  const totalGzipBytes = chunks.reduce((n, c) => n + c.gzipBytes, 0);
  return {
    chunks,
    totalBytes: chunks.reduce((n, c) => n + c.bytes, 0),
    totalGzipBytes,
    budgetBytes: BUNDLE_BUDGET_BYTES,
    withinBudget: totalGzipBytes <= BUNDLE_BUDGET_BYTES,
  };
}

export class BundleBudgetError extends Error {
  readonly code = 'bundle-over-budget';
  constructor(readonly report: BundleReport) {
    super(
      `initial JavaScript is ${(report.totalGzipBytes / 1000).toFixed(1)} KB gzipped, over the ${report.budgetBytes / 1000} KB budget`,
    );
    this.name = 'BundleBudgetError';
  }
}

/** Throws `BundleBudgetError` when the initial JavaScript is over budget. */
export function checkBundleBudget(distDir?: string): BundleReport {
  const report = measureBundle(distDir);
  if (!report.withinBudget) throw new BundleBudgetError(report);
  return report;
}

/** One line per initial chunk, then the total and the verdict. */
export function formatBundleReport(report: BundleReport): string {
  const lines = report.chunks.map(
    (c) =>
      `${c.file.padEnd(48)} ${(c.bytes / 1000).toFixed(1).padStart(8)} KB  ${(c.gzipBytes / 1000).toFixed(1).padStart(7)} KB gzip`,
  );
  const verdict = report.withinBudget ? 'within' : 'OVER';
  lines.push(
    `initial JavaScript: ${(report.totalGzipBytes / 1000).toFixed(1)} KB gzipped, ${verdict} the ${report.budgetBytes / 1000} KB budget`,
  );
  return lines.join('\n');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    const report = measureBundle(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
    console.log(formatBundleReport(report));
    process.exit(report.withinBudget ? 0 : 1);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
