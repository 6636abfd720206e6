/**
 * Entry point: `tsx server/main.ts`. Reads the configuration from the environment, starts the
 * signer, and shuts down cleanly on SIGINT/SIGTERM.
 */
import { ConfigError, loadConfig } from './config';
import { startSigner } from './start-signer';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const signer = await startSigner(config);
  process.stdout.write(`signer listening on ${signer.url} (API and portal)\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: shutting down\n`);
    signer.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    // Do not hang forever on a stuck connection.
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `signer failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
