import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a running `npm start` (or `npm run dev`) tells the command-line tools about itself,
 * in `DATA_DIR/local-stack.json`: the public URL its links use and, when it runs the local COS
 * emulator, where that is and the emulator's keys. The CLI reads the configuration the server
 * reads (the environment and `.env`); this file adds what only the running stack knows (a PORT
 * given on its command line, the emulator it started), so links minted from another terminal
 * point at the portal that really runs. It holds no real secret: the emulator's keys are
 * dev-only and valid nowhere else.
 */
export interface LocalStack {
  /** The process that wrote it; a file whose process is gone is ignored. */
  pid: number;
  publicUrl: string;
  emulator: {
    url: string;
    secretId: string;
    secretKey: string;
    bucket: string;
    region: string;
  } | null;
}

export const localStackFile = (dataDir: string) => path.join(dataDir, 'local-stack.json');

export function writeLocalStack(dataDir: string, stack: LocalStack): () => void {
  const file = localStackFile(dataDir);
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });
  return () => {
    // Only our own: another stack may have started since.
    if (readLocalStack(dataDir)?.pid === stack.pid) rmSync(file, { force: true });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running stack's record, or null when there is none (or its process has ended). */
export function readLocalStack(dataDir: string): LocalStack | null {
  const file = localStackFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalStack>;
    if (!Number.isInteger(v.pid) || typeof v.publicUrl !== 'string') return null;
    const e = v.emulator;
    const emulator =
      e &&
      typeof e.url === 'string' &&
      typeof e.secretId === 'string' &&
      typeof e.secretKey === 'string' &&
      typeof e.bucket === 'string' &&
      typeof e.region === 'string'
        ? e
        : null;
    return isAlive(v.pid!) ? { pid: v.pid!, publicUrl: v.publicUrl, emulator } : null;
  } catch {
    return null;
  }
}
