import type { LinkOptions } from '../links/link-types';

/**
 * Command-line options of `npm run link` turned into LinkOptions. Sizes take decimal
 * (`KB`, `MB`, `GB`, `TB`) or binary (`KiB`, `MiB`, `GiB`, `TiB`) units, bare numbers are
 * bytes; durations take `s`, `m`, `h`, `d` (bare numbers are seconds).
 */
export const LINK_CLI_USAGE = `Usage: npm run link -- [options]
  --title <text>            shown at the top of the upload page
  --message <text>          shown under the title
  --expires <duration>      e.g. 30m, 12h, 7d (default: never)
  --max-file-size <size>    e.g. 500MB, 2GiB
  --max-total <size>        total bytes per batch of files
  --max-files <n>           files per batch
  --types <list>            comma list of MIME patterns and extensions: image/*,.pdf
  --embed-origins <list>    comma list of origins allowed to embed /embed/<token>
  --json                    print {"token","url"} as JSON`;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};
const DURATION_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error(`not a size: "${text}" (try 500MB or 2GiB)`);
  return Math.floor(Number(m[1]) * unit);
}

export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([a-z]?)$/i.exec(text.trim());
  const unit = m ? DURATION_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined || Number(m[1]) <= 0) {
    throw new Error(`not a duration: "${text}" (try 30m, 12h or 7d)`);
  }
  return Number(m[1]) * unit;
}

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function parseLinkArgs(argv: readonly string[]): { options: LinkOptions; json: boolean } {
  const options: LinkOptions = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    switch (name) {
      case '--title':
        options.title = value;
        break;
      case '--message':
        options.message = value;
        break;
      case '--expires':
        options.expiresInSeconds = parseDuration(value);
        break;
      case '--max-file-size':
        options.maxFileSize = parseSize(value);
        break;
      case '--max-total':
        options.maxTotalBytes = parseSize(value);
        break;
      case '--max-files':
        if (!/^\d+$/.test(value)) throw new Error(`--max-files needs a whole number`);
        options.maxFiles = Number(value);
        break;
      case '--types':
        options.allowedTypes = list(value);
        break;
      case '--embed-origins':
        options.embedOrigins = list(value);
        break;
      default:
        throw new Error(`unknown option ${name}`);
    }
  }
  return { options, json };
}
