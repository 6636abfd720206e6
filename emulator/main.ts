import { DEV_SECRET_ID, DEV_SECRET_KEY } from './dev-credentials';
import { parseFaultConfig, type FaultConfig } from './faults';
import { startEmulator } from './start-emulator';

/**
 * CLI entry (`tsx emulator/main.ts`), configured from the environment; see README.md.
 * Exits on SIGINT/SIGTERM and when its parent goes away, so `npm start` leaves no orphans.
 */

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return n;
}

function faultsFromEnv(): FaultConfig {
  const raw = process.env.EMULATOR_FAULTS;
  let config: FaultConfig = {};
  if (raw !== undefined && raw.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error('EMULATOR_FAULTS must be JSON, e.g. {"put":{"errorRate":0.2}}');
    }
    config = parseFaultConfig(parsed);
  }
  const seed = process.env.EMULATOR_FAULT_SEED;
  if (seed !== undefined && seed !== '') {
    if (!/^-?\d+$/.test(seed)) throw new Error('EMULATOR_FAULT_SEED must be an integer');
    config = { ...config, seed: Number(seed) };
  }
  return config;
}

function expiryModeFromEnv(): 'atStart' | 'interrupt' {
  const raw = process.env.EMULATOR_EXPIRY_MODE || 'interrupt';
  if (raw !== 'atStart' && raw !== 'interrupt') {
    throw new Error(`EMULATOR_EXPIRY_MODE must be atStart or interrupt, got "${raw}"`);
  }
  return raw;
}

async function main(): Promise<void> {
  const port = intFromEnv('EMULATOR_PORT', 9000);
  const adminPort = intFromEnv('EMULATOR_ADMIN_PORT', port === 0 ? 0 : port + 1);
  const bucket = process.env.EMULATOR_BUCKET || 'portal-1250000000';
  const emulator = await startEmulator({
    port,
    adminPort,
    dataDir: process.env.EMULATOR_DATA_DIR || '.data/cos',
    credentials: [
      {
        secretId: process.env.EMULATOR_SECRET_ID || DEV_SECRET_ID,
        secretKey: process.env.EMULATOR_SECRET_KEY || DEV_SECRET_KEY,
      },
    ],
    defaultBucket: bucket,
    region: process.env.EMULATOR_REGION || 'ap-guangzhou',
    faults: faultsFromEnv(),
    expiryMode: expiryModeFromEnv(),
  });
  console.log(
    `COS emulator listening on ${emulator.url} (bucket ${bucket}, admin ${emulator.adminUrl})`,
  );

  let closing = false;
  const shutdown = (code: number): void => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(code), 3000);
    force.unref();
    emulator.close().then(
      () => process.exit(code),
      () => process.exit(code),
    );
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  // Started with an IPC channel (fork): the parent going away closes it.
  if (typeof process.send === 'function') process.on('disconnect', () => shutdown(0));
  // Without IPC, a dead parent shows up as a new parent process id (re-parented).
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) shutdown(0);
  }, 1000);
  watch.unref();
}

main().catch((err: unknown) => {
  console.error(
    `COS emulator failed to start: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
