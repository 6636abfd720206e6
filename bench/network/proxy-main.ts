/**
 * Child-process entry of the shaping proxy (started by proxy-process.ts): its own process, so
 * its timers keep time whatever the harness is doing (the Node tool runs in the harness), and
 * its CPU is counted apart. Takes its settings over IPC, answers with the listening ports, and
 * exits when the harness goes away.
 */
import { startShapingProxy, type ShapingOptions, type Target } from './shaping-proxy';

type FromHarness =
  { type: 'start'; shaping: ShapingOptions; targets: Target[] } | { type: 'stats' };

const send = (message: unknown) => process.send?.(message);

process.on('disconnect', () => process.exit(0));
let proxy: Awaited<ReturnType<typeof startShapingProxy>> | null = null;
process.on('message', (message: FromHarness) => {
  if (message.type === 'stats') {
    send({ type: 'stats', stats: proxy?.stats() ?? null });
    return;
  }
  startShapingProxy({ ...message.shaping, targets: message.targets }).then(
    (started) => {
      proxy = started;
      send({ type: 'ready', routes: started.routes });
    },
    (error: unknown) =>
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
