const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * Byte sizes with Intl unit names ("2 GB", "1.5 MB/s"). Steps of 1024: link limits are
 * configured as binary multiples (2 GB = 2 × 1024³ bytes), and owners expect to see the
 * round number they chose, as operating systems that count in 1024 show it.
 */
export function createByteFormatter(locale: string) {
  const cache = new Map<string, Intl.NumberFormat>();
  const formatterFor = (unit: string, fractionDigits: number) => {
    const cacheKey = `${unit}/${fractionDigits}`;
    let formatter = cache.get(cacheKey);
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit,
        // "12 bytes" reads better than the short "12 byte"; larger units stay short ("2 GB").
        unitDisplay: unit.startsWith('byte') ? 'long' : 'short',
        maximumFractionDigits: fractionDigits,
      });
      cache.set(cacheKey, formatter);
    }
    return formatter;
  };

  const scale = (
    bytes: number,
  ): { value: number; unit: (typeof UNITS)[number]; digits: number } => {
    const safe = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
    let index = 0;
    let value = safe;
    while (value >= 1024 && index < UNITS.length - 1) {
      value /= 1024;
      index += 1;
    }
    // One decimal below 10 ("1.5 GB") is useful; "153.4 MB" is noise.
    const digits = index === 0 || value >= 10 ? 0 : 1;
    return { value, unit: UNITS[index]!, digits };
  };

  return {
    bytes(bytes: number): string {
      const { value, unit, digits } = scale(bytes);
      return formatterFor(unit, digits).format(value);
    },
    speed(bytesPerSecond: number): string {
      const { value, unit, digits } = scale(bytesPerSecond);
      return formatterFor(`${unit}-per-second`, digits).format(value);
    },
  };
}
