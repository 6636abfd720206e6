/**
 * COS lists keys in UTF-8 byte order. JS string order (UTF-16 code units) differs where a
 * character above U+FFFF meets one from U+E000 to U+FFFF, so anything that walks a listing in
 * step with keys of its own sorts them this way.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
