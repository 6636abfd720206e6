/**
 * Starts the shaping proxy in a child process (proxy-main.ts) and talks to it over IPC.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProxyStats, ShapingOptions, ShapingProxy, Target } from './shaping-proxy';

export interface ProxyProcess {
  pid: number;
  routes: ShapingProxy['routes'];
  stats(): Promise<ProxyStats | null>;
  stop(): Promise<void>;
}

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'proxy-main.ts');

export async function launchProxyProcess(
  shaping: ShapingOptions,
  targets: Target[],
): Promise<ProxyProcess> {
  const child = fork(MAIN, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const routes = await new Promise<ShapingProxy['routes']>((resolve, reject) => {
    const onMessage = (m: { type: string; routes?: ShapingProxy['routes']; message?: string }) => {
      if (m.type === 'ready') resolve(m.routes!);
      else if (m.type === 'error') reject(new Error(`shaping proxy: ${m.message}`));
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`shaping proxy exited early (code ${code})`)));
    child.send({ type: 'start', shaping, targets });
  });
  return {
    pid: child.pid!,
    routes,
    stats: () =>
      new Promise((resolve) => {
        if (!child.connected) return resolve(null);
        const onMessage = (m: { type: string; stats?: ProxyStats | null }) => {
          if (m.type !== 'stats') return;
          child.off('message', onMessage);
          resolve(m.stats ?? null);
        };
        child.on('message', onMessage);
        child.send({ type: 'stats' });
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
