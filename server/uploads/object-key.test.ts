import { describe, expect, it } from 'vitest';
import { MAX_KEY_BYTES, objectKeyFor, sanitizeFileName, sanitizeRelativePath } from './object-key';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const ID = 'AbCdEfGhIjKlMnOpQrStUv'; // 22 chars = 128 bits, like the server's ids

describe('sanitizeFileName', () => {
  const table: Array<[string, string]> = [
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['/abs/x', '_abs_x'],
    ['C:\\Windows\\x', 'C__Windows_x'],
    ['a\u0000b', 'a_b'],
    ['line1\r\nline2.txt', 'line1_line2.txt'],
    ['tab\there', 'tab_here'],
    ['c1\u0085x\u009f', 'c1_x_'],
    ['del\u007f.txt', 'del_.txt'],
    ['para\u2028graph', 'para_graph'],
    ['evil\u202Etxt.exe', 'eviltxt.exe'],
    ['\u2066iso\u2069late\u200f.doc', 'isolate.doc'],
    ['\ufeffbom.txt', 'bom.txt'],
    ['CON.txt', '_CON.txt'],
    ['con', '_con'],
    ['nul .txt', '_nul .txt'],
    ['com1.tar.gz', '_com1.tar.gz'],
    ['LPT9', '_LPT9'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['🎉 party 👨‍👩‍👧.png', '🎉 party 👨‍👩‍👧.png'],
    ['报告 v1(final).pdf', '报告 v1(final).pdf'],
    ['my file + more.pdf', 'my file + more.pdf'],
    ['%2e%2e', '_2e_2e'],
    ['%2E%2e%2fetc', '_2E_2e_2fetc'],
    ['100% done.txt', '100% done.txt'],
    ['e\u0301te\u0301.txt', 'été.txt'],
    ['<script>alert(1)</script>.html', '_script_alert(1)__script_.html'],
    ['a:b|c?d*e"f', 'a_b_c_d_e_f'],
    ['.bashrc', 'bashrc'],
    ['  spaced  ', 'spaced'],
    ['trailing dots...', 'trailing dots'],
    ['a\uD800b', 'a\uFFFDb'],
    ['', 'file'],
    ['.', 'file'],
    ['..', 'file'],
    ['...', 'file'],
    ['   ', 'file'],
    ['\u202E', 'file'],
  ];
  it.each(table)('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps a 10 KB name at 200 bytes and keeps the extension', () => {
    const out = sanitizeFileName('a'.repeat(10_000) + '.txt');
    expect(bytes(out)).toBe(200);
    expect(out.endsWith('.txt')).toBe(true);
  });

  it('never splits a multi-byte character when capping', () => {
    const cjk = sanitizeFileName('报'.repeat(100) + '.pdf');
    expect(bytes(cjk)).toBeLessThanOrEqual(200);
    expect(cjk).toBe('报'.repeat(65) + '.pdf');
    const emoji = sanitizeFileName('😀'.repeat(60));
    expect(emoji).toBe('😀'.repeat(50));
    expect(Buffer.from(emoji, 'utf8').toString('utf8')).toBe(emoji);
  });

  it('returns NFC, control-free, separator-free text for hostile input', () => {
    const hostile = [
      '../../etc/passwd',
      '..\\..\\boot.ini',
      'x\u0000\u0001\u001f\u007f\u0080\u009f',
      '\r\nSet-Cookie: a=b',
      'a/./b/../c',
    ];
    for (const name of hostile) {
      const out = sanitizeFileName(name);
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f/\\<>:"|?*]/);
      expect(out.normalize('NFC')).toBe(out);
      expect(out.startsWith('.')).toBe(false);
    }
  });
});

describe('sanitizeRelativePath', () => {
  const table: Array<[string, string[]]> = [
    ['scans/2024/', ['scans', '2024']],
    ['../../etc', ['etc']],
    ['a\\b\\c', ['a', 'b', 'c']],
    ['/abs//x/./y/', ['abs', 'x', 'y']],
    ['CON/aux', ['_CON', '_aux']],
    ['%2e%2e/%2e%2e/x', ['_2e_2e', '_2e_2e', 'x']],
    ['  /. ./..../ok', ['ok']],
    ['', []],
  ];
  it.each(table)('%j → %j', (input, expected) => {
    expect(sanitizeRelativePath(input)).toEqual(expected);
  });
});

describe('objectKeyFor', () => {
  it('puts folders and the id-prefixed name under the prefix', () => {
    expect(
      objectKeyFor({
        prefix: 'uploads/L1/',
        relativePath: 'scans/2024/',
        name: 'a b+c.pdf',
        id: ID,
      }),
    ).toBe(`uploads/L1/scans/2024/${ID}-a b+c.pdf`);
    expect(objectKeyFor({ prefix: 'uploads/L1/', name: '报告.pdf', id: ID })).toBe(
      `uploads/L1/${ID}-报告.pdf`,
    );
    expect(objectKeyFor({ prefix: '', name: '', id: ID })).toBe(`${ID}-file`);
  });

  it('keeps hostile paths inside the prefix', () => {
    const cases: Array<[string | undefined, string]> = [
      ['../../', '../../etc/passwd'],
      ['/abs', '/abs/x'],
      ['C:\\Windows', 'C:\\Windows\\x'],
      ['%2e%2e/%2e%2e', '%2e%2e'],
      ['a\u0000/b\r\n', 'CON.txt'],
      [undefined, '\u202Efdp.exe'],
    ];
    for (const [relativePath, name] of cases) {
      const key = objectKeyFor({ prefix: 'uploads/L1/', relativePath, name, id: ID });
      expect(key.startsWith('uploads/L1/')).toBe(true);
      const segments = key.split('/');
      expect(segments.every((s) => s !== '' && s !== '.' && s !== '..')).toBe(true);
      expect(segments.at(-1)!.startsWith(`${ID}-`)).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(key).not.toMatch(/[\u0000-\u001f\u007f-\u009f\\\u202a-\u202e]/);
    }
  });

  it('caps segments at 200 bytes and the key at 850 bytes, dropping inner folders first', () => {
    const deep = Array.from({ length: 10 }, (_, i) => `${i}`.repeat(300)).join('/');
    const key = objectKeyFor({
      prefix: 'uploads/L1/',
      relativePath: deep,
      name: 'n'.repeat(500),
      id: ID,
    });
    expect(bytes(key)).toBeLessThanOrEqual(MAX_KEY_BYTES);
    const segments = key.split('/');
    expect(segments.every((s) => bytes(s) <= 200)).toBe(true);
    expect(segments[2]).toBe('0'.repeat(200)); // the outermost folder survives
    expect(segments.at(-1)!.startsWith(`${ID}-nnn`)).toBe(true);
    expect(bytes(segments.at(-1)!)).toBe(200);
  });

  it('makes different ids give different keys for the same name', () => {
    const a = objectKeyFor({ prefix: 'p/', name: 'same.txt', id: ID });
    const b = objectKeyFor({ prefix: 'p/', name: 'same.txt', id: ID.replace('A', 'Z') });
    expect(a).not.toBe(b);
  });

  it('refuses an unsafe prefix or a weak id', () => {
    expect(() => objectKeyFor({ prefix: '../x/', name: 'a', id: ID })).toThrow();
    expect(() => objectKeyFor({ prefix: '/abs/', name: 'a', id: ID })).toThrow();
    expect(() => objectKeyFor({ prefix: 'no-slash', name: 'a', id: ID })).toThrow();
    expect(() => objectKeyFor({ prefix: 'p/', name: 'a', id: 'short' })).toThrow();
  });
});
