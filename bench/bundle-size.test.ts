import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BundleBudgetError, checkBundleBudget, measureBundle } from './bundle-size';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dist(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const html = (body: string) => `<!doctype html><html><head>${body}</head><body></body></html>`;

describe('measureBundle', () => {
  it('counts the entry, its preloads and static imports, transitively, but not lazy chunks', () => {
    const files = {
      'index.html': html(
        '<script type="module" crossorigin src="/assets/index.js"></script>' +
          '<link rel="modulepreload" crossorigin href="/assets/vendor.js">' +
          '<link rel="stylesheet" href="/assets/index.css">',
      ),
      'assets/index.js':
        'import{a as r}from"./vendor.js";import"./side.js";' +
        'const l=()=>import("./lazy.js");export{r as x}from"./reexport.js";console.log(r,l);',
      'assets/vendor.js': 'import{b}from"./deep.js";export const a=b;',
      'assets/deep.js': 'export const b=1;',
      'assets/side.js': 'console.log("side");',
      'assets/reexport.js': 'export const x=2;',
      'assets/lazy.js': 'export default "not initial";',
      'assets/index.css': 'body{}',
    };
    const report = measureBundle(dist(files));
    expect(report.chunks.map((c) => c.file).sort()).toEqual([
      'assets/deep.js',
      'assets/index.js',
      'assets/reexport.js',
      'assets/side.js',
      'assets/vendor.js',
    ]);
    const entry = report.chunks.find((c) => c.file === 'assets/index.js')!;
    expect(entry.bytes).toBe(files['assets/index.js'].length);
    expect(entry.gzipBytes).toBe(gzipSync(files['assets/index.js']).length);
    expect(report.totalGzipBytes).toBe(report.chunks.reduce((n, c) => n + c.gzipBytes, 0));
    expect(report.withinBudget).toBe(true);
  });

  it('fails the budget check when the initial JavaScript is over 130 KB gzipped', () => {
    // Random bytes do not compress: 140 KB of them, base64, stays far above the budget.
    const big = `export const blob="${randomBytes(140_000).toString('base64')}";`;
    const dir = dist({
      'index.html': html('<script type="module" src="/assets/index.js"></script>'),
      'assets/index.js': big,
    });
    expect(() => checkBundleBudget(dir)).toThrow(BundleBudgetError);
    try {
      checkBundleBudget(dir);
    } catch (error) {
      expect((error as BundleBudgetError).code).toBe('bundle-over-budget');
      expect((error as BundleBudgetError).report.totalGzipBytes).toBeGreaterThan(130_000);
    }
  });

  it('says so when there is no build', () => {
    const dir = dist({ 'assets/x.js': '' });
    expect(() => measureBundle(dir)).toThrow(/vite build/);
  });
});
