/**
 * The one convention for byte sizes, everywhere a person reads or types one (CLI, admin page,
 * upload page, both languages): decimal SI units, as people type them and as storage is sold.
 * 1 kB = 1000 bytes, 1 MB = 1000² bytes, 1 GB = 1000³, 1 TB = 1000⁴. So a link made with
 * `--max-file-size 100KB` says "100 kB" on every screen, never "98 kB".
 *
 * Binary units (KiB, MiB, GiB, TiB = 1024ⁿ) are accepted when typed, for whoever wants an exact
 * power of two, and shown in the same decimal units as everything else ("2 GiB" → "2.15 GB"):
 * one way of showing sizes, so two numbers on a page can always be compared.
 */
export const BYTE_UNITS = [
  'byte',
  'kilobyte',
  'megabyte',
  'gigabyte',
  'terabyte',
  'petabyte',
] as const;
export type ByteUnit = (typeof BYTE_UNITS)[number];
/** The symbols, in the same order: what the CLI prints and what Intl shows in both languages. */
export const BYTE_SYMBOLS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A size scaled to its unit, rounded to at most three significant digits ("2.15", "153"). */
export function scaleBytes(bytes: number): { value: number; unitIndex: number; unit: ByteUnit } {
  const safe = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  let unitIndex = 0;
  let value = safe;
  while (value >= 1000 && unitIndex < BYTE_UNITS.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  // Whole bytes stay whole; above, three significant digits (999,999 B rounds to 1000 kB,
  // which is said as 1 MB).
  value = unitIndex === 0 ? Math.round(value) : Number(value.toPrecision(3));
  if (value >= 1000 && unitIndex < BYTE_UNITS.length - 1) {
    value = Number((value / 1000).toPrecision(3));
    unitIndex += 1;
  }
  return { value, unitIndex, unit: BYTE_UNITS[unitIndex]! };
}

/** "100 kB", "2.15 GB", "12 B": the symbol form (CLI, logs). */
export function formatByteSymbol(bytes: number): string {
  const { value, unitIndex } = scaleBytes(bytes);
  return `${value} ${BYTE_SYMBOLS[unitIndex]}`;
}

const FACTORS: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/**
 * A size as a person types it: "100KB", "100 kB", "1.5 MB", "2GiB", "500" (a bare number is in
 * `bareUnit`, bytes unless said). Units are case-insensitive and decimal unless binary (KiB…).
 * Null when the text is not a size; the caller says what is wrong.
 */
export function parseByteSize(text: string, bareUnit: 'B' | 'MB' = 'B'): number | null {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  const factor = m[2] ? FACTORS[m[2].toLowerCase()] : bareUnit === 'MB' ? 1e6 : 1;
  if (factor === undefined) return null;
  const bytes = Math.round(Number(m[1]) * factor);
  return Number.isSafeInteger(bytes) ? bytes : null;
}
