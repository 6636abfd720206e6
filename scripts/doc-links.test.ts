/**
 * Every relative link in the project's documentation resolves: markdown links and images in
 * README.md, docs/*.md and the other READMEs, and the file paths .env.example points to. A
 * link to a heading (`file.md#section`) must name a heading of that file, as GitHub makes its
 * anchors. External links are not fetched (no network in tests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MARKDOWN = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
  ...['server', 'emulator', 'bench', 'e2e', 'protocol', 'demo-host', 'embed-loader']
    .map((dir) => `${dir}/README.md`)
    .filter((f) => existsSync(path.join(ROOT, f))),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = anchorOf(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Problems with one link target written in `from`, or null when it resolves. */
function problemOf(from: string, target: string): string | null {
  const [rawPath, fragment] = target.split('#') as [string, string | undefined];
  const file =
    rawPath === ''
      ? path.join(ROOT, from)
      : path.resolve(path.dirname(path.join(ROOT, from)), decodeURI(rawPath));
  if (!file.startsWith(ROOT)) return `${target} leaves the repository`;
  if (!existsSync(file)) return `${target} does not exist`;
  if (
    fragment &&
    statSync(file).isFile() &&
    file.endsWith('.md') &&
    !anchorsOf(file).has(fragment)
  ) {
    return `${target}: no heading #${fragment}`;
  }
  return null;
}

function markdownTargets(text: string): string[] {
  const noCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...noCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

/**
 * Paths written as text ("see docs/deploy.md", `server/cli/local-stack.ts`), relative to the
 * repository root: any path under a top-level folder of the repository, ending in a file name.
 */
const TOP = readdirSync(ROOT).filter(
  (f) => !f.startsWith('.') && f !== 'node_modules' && statSync(path.join(ROOT, f)).isDirectory(),
);
function pathsNamedIn(text: string): string[] {
  const found = text.matchAll(
    /(?<![\w./-])((?:[\w-]+\/)+[\w.-]+\.(?:md|ts|tsx|js|json|html|css))\b/g,
  );
  return [...found].map((m) => m[1]!).filter((p) => TOP.includes(p.split('/')[0]!));
}

describe('documentation links', () => {
  it.each(MARKDOWN)('every relative link in %s resolves', (file) => {
    const targets = markdownTargets(readFileSync(path.join(ROOT, file), 'utf8'));
    const problems = targets.map((t) => problemOf(file, t)).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it.each(['.env.example', ...MARKDOWN])(
    'every repository file %s names in its text exists',
    (file) => {
      const paths = pathsNamedIn(readFileSync(path.join(ROOT, file), 'utf8'));
      expect(paths.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
    },
  );

  it('finds a broken link when there is one', () => {
    expect(problemOf('README.md', 'docs/emulator.md')).toBe('docs/emulator.md does not exist');
    expect(problemOf('README.md', 'docs/protocol.md#no-such-heading')).toMatch(/no heading/);
    expect(problemOf('README.md', 'docs/protocol.md')).toBeNull();
    expect(
      pathsNamedIn('see docs/emulator.md and DATA_DIR/x.json or https://a.example/b.md'),
    ).toEqual(['docs/emulator.md']);
  });
});
