import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface MainProcess {
  child: ChildProcess;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Everything it wrote so far, standard output and error together. */
  output(): string;
}

/** Starts `server/main.ts` as deployed: a child process with only PATH and `env`. */
export function spawnMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, exited, output: () => out };
}

/**
 * Starts `server/main.ts` and waits for the URL it prints; refuses (with its output) if it exits
 * first. `onStarted` sees the child at once, so a caller can kill it whatever happens next.
 */
export function startMain(
  env: Record<string, string>,
  onStarted: (child: ChildProcess) => void = () => {},
): Promise<{ url: string; child: ChildProcess }> {
  const main = spawnMain(env);
  onStarted(main.child);
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /signer listening on (http:\/\/\S+)/.exec(main.output());
      if (m) resolve({ url: m[1]!, child: main.child });
    };
    main.child.stdout!.on('data', onData);
    void main.exited.then((code) => reject(new Error(`signer exited (${code}): ${main.output()}`)));
  });
}
