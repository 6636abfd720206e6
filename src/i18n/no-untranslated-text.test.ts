import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The catalogue tests check that every catalogue entry is translated; this one checks that
 * nothing reaches the page *around* the catalogues. It parses every component and fails on
 * JSX text, or a string literal in a text-bearing attribute (aria-label, title, alt, …), that
 * contains letters: such words would show in English to a Chinese reader.
 */
// Every component's source, read at build time (src/ is type-checked with browser types only).
const SOURCES = import.meta.glob<string>(
  ['../**/*.tsx', '!../**/*.test.tsx', '!../**/testing/**'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const TEXT_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'aria-roledescription',
  'title',
  'alt',
  'placeholder',
  'label',
]);
const WORDS = /[A-Za-z\u00c0-\u024f\u4e00-\u9fff]{2,}/;
/** A file name ("config.json") reads the same in every language. */
const FILE_NAME = /^[\w.-]+\.[a-z0-9]{2,5}$/i;
const isWords = (text: string) => WORDS.test(text) && !FILE_NAME.test(text.trim());

function hardCodedText(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isWords(node.text)) {
      found.push(`${where(node)} text "${node.text.trim()}"`);
    }
    if (
      ts.isJsxAttribute(node) &&
      TEXT_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      isWords(node.initializer.text)
    ) {
      found.push(`${where(node)} ${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text', () => {
  it('finds the components it is meant to check', () => {
    expect(Object.keys(SOURCES)).toContain('../features/upload/components/upload-panel.tsx');
    expect(Object.keys(SOURCES)).not.toContain('../features/upload/components/file-row.test.tsx');
  });

  it('comes from the catalogues only: no words written into components', () => {
    const found = Object.entries(SOURCES).flatMap(([file, text]) => hardCodedText(file, text));
    expect(found).toEqual([]);
  });

  it('is caught when written into a component', () => {
    // The check itself must be able to fail.
    const found = hardCodedText(
      'probe.tsx',
      `const a = (
        <p title="Upload" aria-label={t.t('x')}>
          Drop files <b aria-label="上传">{x}</b> {'{'}
          <i alt="config.json" />
        </p>
      );`,
    );
    expect(found).toEqual([
      'probe.tsx:2 title="Upload"',
      'probe.tsx:3 text "Drop files"',
      'probe.tsx:3 aria-label="上传"',
    ]);
  });
});
