import { existsSync, realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Where the Chromium binary is. Playwright cannot download its own browsers here, so the
 * tests launch the system's Chromium. `CHROMIUM_PATH` wins; otherwise the `chromium` on PATH.
 * Debian's `chromium` is a shell wrapper that prints noise on stderr, so prefer the real
 * binary that sits beside it in the package's lib folder.
 */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  let onPath: string;
  try {
    onPath = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
  if (!onPath) return null;
  const real = path.join(path.dirname(realpathSync(onPath)), '..', 'lib', 'chromium', 'chromium');
  return existsSync(real) ? path.resolve(real) : onPath;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
