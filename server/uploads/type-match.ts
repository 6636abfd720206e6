/**
 * Does a file match a link's `allowedTypes`? Patterns are MIME types (`application/pdf`),
 * MIME families (`image/*`) or extensions (`.pdf`); an empty list allows everything. The
 * browser-reported type is only a claim, but it is signed into the upload (`content-type`),
 * so what is stored is what was checked here.
 */
export function normalizeMimeType(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

export function isTypeAllowed(
  allowedTypes: readonly string[],
  name: string,
  type: string,
): boolean {
  if (allowedTypes.length === 0) return true;
  const mime = normalizeMimeType(type);
  const lowerName = name.normalize('NFC').toLowerCase();
  return allowedTypes.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('.')) return lowerName.length > p.length && lowerName.endsWith(p);
    if (!mime) return false;
    if (p.endsWith('/*')) {
      const family = p.slice(0, -1);
      return mime.startsWith(family) && mime.length > family.length;
    }
    return mime === p;
  });
}
