import { describe, expect, it } from 'vitest';
import { decideFileType, fileExtension, isActiveType, mimeEssence } from './file-types';

describe('decideFileType', () => {
  // [allowed, name, declared] → stored type, or a refusal with its reason.
  const table: Array<[string[], string, string, string | { refused: string }]> = [
    // The three cases.
    [['.pdf'], 'cv.pdf', 'text/html', 'application/pdf'],
    [['image/*'], 'logo.svg', 'image/svg+xml', { refused: 'active' }],
    [['image/*'], 'page.html', 'image/png', { refused: 'not-allowed' }],
    // The name decides, whatever the browser claims.
    [['image/*'], 'photo.png', 'text/html', 'image/png'],
    [['image/*'], 'photo.JPG', '', 'image/jpeg'],
    [['image/*'], 'photo.jpg', 'image/pjpeg', 'image/pjpeg'],
    [['.pdf'], 'cv.pdf', '', 'application/pdf'],
    [['application/pdf'], 'cv.pdf', 'application/octet-stream', 'application/pdf'],
    [['application/pdf'], 'cv.html', 'application/pdf', { refused: 'not-allowed' }],
    [['text/csv'], 'data.csv', 'application/vnd.ms-excel', 'text/csv'],
    [['.csv'], 'data.csv', 'application/vnd.ms-excel', 'application/vnd.ms-excel'],
    [['application/vnd.ms-excel'], 'data.csv', '', 'application/vnd.ms-excel'],
    [['.zip'], 'a.zip', 'application/x-zip-compressed', 'application/x-zip-compressed'],
    // Sanitising cannot change the verdict: the signer's key drops these characters too.
    [['image/*'], 'page.html.', 'image/png', { refused: 'not-allowed' }],
    [['image/*'], 'page.html ', 'image/png', { refused: 'not-allowed' }],
    [['image/*'], 'page.ht\u200Eml', 'image/png', { refused: 'not-allowed' }],
    [['image/*'], 'photo\u202Egnp.html', 'image/png', { refused: 'not-allowed' }],
    // Families admit passive members only; active ones must be named.
    [['text/*'], 'notes.txt', 'text/plain', 'text/plain'],
    [['text/*'], 'page.html', 'text/html', { refused: 'active' }],
    [['text/*'], 'data.xml', 'text/xml', { refused: 'active' }],
    [['application/*'], 'app.js', 'application/javascript', { refused: 'active' }],
    [['application/*'], 'mod.wasm', 'application/wasm', { refused: 'active' }],
    [['application/*'], 'old.swf', 'application/x-shockwave-flash', { refused: 'active' }],
    [['application/*'], 'page.xhtml', '', { refused: 'active' }],
    [['application/*'], 'feed.rss', '', { refused: 'active' }],
    [['application/*'], 'a.zip', 'application/zip', 'application/zip'],
    [['text/*'], 'mod.mjs', 'text/javascript', { refused: 'active' }],
    // Named exactly, active types pass.
    [['image/*', 'image/svg+xml'], 'logo.svg', 'image/svg+xml', 'image/svg+xml'],
    [['.svg'], 'logo.svg', '', 'image/svg+xml'],
    [['.html'], 'page.html', 'image/png', 'text/html'],
    [['text/xml'], 'data.xml', 'text/xml', 'text/xml'],
    [['text/xml'], 'data.xml', '', 'text/xml'],
    // Unknown extensions: a claimed type nobody else owns and that is passive, or bytes.
    [['application/x-custom'], 'data.cst', 'application/x-custom', 'application/x-custom'],
    [['.cst'], 'data.cst', 'text/html', 'application/octet-stream'],
    [['.cst'], 'data.cst', 'image/svg+xml', 'application/octet-stream'],
    [['image/*'], 'evil.cst', 'image/png', { refused: 'not-allowed' }],
    [['application/octet-stream'], 'noext', '', 'application/octet-stream'],
    [['text/html'], 'noext', 'text/html', { refused: 'not-allowed' }],
    [['.pdf'], '.pdf', 'application/pdf', { refused: 'not-allowed' }],
    [['.tar.gz'], 'a.tar.gz', '', 'application/gzip'],
    // No list: anything, but never stored as an active type.
    [[], 'page.html', 'text/html', 'application/octet-stream'],
    [[], 'logo.svg', 'image/svg+xml', 'application/octet-stream'],
    [[], 'app.js', '', 'application/octet-stream'],
    [[], 'x.cst', 'text/html; charset=utf-8', 'application/octet-stream'],
    [[], 'notes.txt', 'text/plain; charset=utf-8', 'text/plain'],
    [[], 'cv.pdf', 'text/html', 'application/pdf'],
    [[], 'x.exe', 'application/x-msdownload', 'application/x-msdownload'],
  ];
  it.each(table)('%j %j (%j) → %j', (allowed, name, declared, expected) => {
    const decision = decideFileType(allowed, name, declared);
    if (typeof expected === 'string') {
      expect(decision).toEqual({ ok: true, type: expected });
    } else {
      expect(decision).toMatchObject({ ok: false, reason: expected.refused });
    }
  });

  it('never stores a type the link does not allow, nor an active one it does not name', () => {
    const names = ['a.pdf', 'a.html', 'a.svg', 'a.png', 'a.xml', 'a.js', 'a', 'a.cst', 'a.txt'];
    const types = ['', 'text/html', 'image/svg+xml', 'image/png', 'application/pdf', 'x/y'];
    const lists = [['.pdf'], ['image/*'], ['text/*'], ['application/pdf', '.txt'], ['*/*']];
    for (const allowed of lists) {
      for (const name of names) {
        for (const declared of types) {
          const d = decideFileType(allowed, name, declared);
          if (!d.ok) continue;
          expect(isActiveType(d.type), `${allowed} ${name} ${declared} → ${d.type}`).toBe(false);
        }
      }
    }
  });
});

describe('isActiveType', () => {
  it.each([
    'text/html',
    'TEXT/HTML; charset=utf-8',
    'image/svg+xml',
    'application/xhtml+xml',
    'application/rss+xml',
    'application/xml',
    'text/xml',
    'text/javascript',
    'application/javascript',
    'application/wasm',
    'application/x-shockwave-flash',
    'multipart/related',
  ])('%s is active', (type) => expect(isActiveType(type)).toBe(true));
  it.each(['application/pdf', 'image/png', 'text/plain', 'application/zip', 'text/css', ''])(
    '%j is not',
    (type) => expect(isActiveType(type)).toBe(false),
  );
});

describe('fileExtension and mimeEssence', () => {
  it('reads the extension as the stored name ends', () => {
    expect(fileExtension('Report.PDF')).toBe('pdf');
    expect(fileExtension('a.tar.gz')).toBe('gz');
    expect(fileExtension('page.html. . ')).toBe('html');
    expect(fileExtension('.bashrc')).toBe('');
    expect(fileExtension('folder/file')).toBe('');
    expect(fileExtension('uploads/abc/Xy-cv.pdf')).toBe('pdf');
  });
  it('keeps only a well-formed type/subtype', () => {
    expect(mimeEssence(' Image/PNG ; q=1')).toBe('image/png');
    expect(mimeEssence('text/html\r\nX: y')).toBe('');
    expect(mimeEssence('nonsense')).toBe('');
  });
});
