import { scaleBytes } from '../../protocol/byte-size';

/**
 * Byte sizes with Intl unit names ("2 GB", "1.5 MB/s", "100 kB"), in decimal SI units: the one
 * convention of the whole product (protocol/byte-size.ts), so a limit typed as 100KB reads
 * "100 kB" on the page, in /admin and in the CLI alike.
 */
export function createByteFormatter(locale: string) {
  const cache = new Map<string, Intl.NumberFormat>();
  const formatterFor = (unit: string) => {
    let formatter = cache.get(unit);
    if (!formatter) {
      formatter = new Intl.NumberFormat(locale, {
        style: 'unit',
        unit,
        // "12 bytes" reads better than the short "12 byte"; larger units stay short ("2 GB").
        unitDisplay: unit.startsWith('byte') ? 'long' : 'short',
        // scaleBytes already rounded to three significant digits ("2.15", "153").
        maximumFractionDigits: 2,
      });
      cache.set(unit, formatter);
    }
    return formatter;
  };

  return {
    bytes(bytes: number): string {
      const { value, unit } = scaleBytes(bytes);
      return formatterFor(unit).format(value);
    },
    speed(bytesPerSecond: number): string {
      const { value, unit } = scaleBytes(bytesPerSecond);
      return formatterFor(`${unit}-per-second`).format(value);
    },
  };
}
