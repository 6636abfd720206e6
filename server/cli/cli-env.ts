import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignerConfig } from '../config';
import { ConfigError, loadConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { createCosClient } from '../cos/cos-client';
import { CosError } from '../cos/cos-error';
import { localStackFile, readLocalStack } from './local-stack';

/**
 * The configuration the command-line tools share with the signer: the same environment (and
 * `.env`, as `npm start` reads it), plus what a running `npm start` records about itself in
 * DATA_DIR (local-stack.ts): its public URL, and the emulator it runs with that emulator's
 * keys. With no COS_* variable set the tools talk to that emulator, with the dev link secret
 * kept in DATA_DIR, exactly as scripts/stack.ts wires the signer. Nothing here imports the
 * emulator: its keys reach the CLI as configuration (the running stack's record, or
 * EMULATOR_SECRET_ID / EMULATOR_SECRET_KEY), never from its code.
 */
export interface CliSetup {
  config: SignerConfig;
  cos: CosClient;
  /** The local emulator's URL when no COS_* is set (it must be running); else null. */
  emulatorUrl: string | null;
  /**
   * Where the public URL of printed links came from, when PUBLIC_URL was not given: a line
   * for stderr, so the owner sees which portal a link points at.
   */
  publicUrlNote?: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const COS_VARS = ['COS_SECRET_ID', 'COS_SECRET_KEY', 'COS_BUCKET', 'COS_REGION'] as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function loadCliSetup(baseEnv: NodeJS.ProcessEnv = process.env): CliSetup {
  const envFile = path.join(ROOT, '.env');
  if (baseEnv === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  const dataDir = path.resolve(ROOT, env.DATA_DIR || '.data');
  const running = readLocalStack(dataDir);
  let emulatorUrl: string | null = null;
  if (COS_VARS.every((name) => !env[name])) {
    const emulator = running?.emulator ?? null;
    emulatorUrl = emulator?.url ?? `http://127.0.0.1:${env.EMULATOR_PORT || '9000'}`;
    // Without either, no request can succeed; the first one fails with "not reachable" or a
    // refusal, explained below, and an offline mint (--no-register) still works.
    env.COS_SECRET_ID = emulator?.secretId ?? (env.EMULATOR_SECRET_ID || 'no-local-stack-running');
    env.COS_SECRET_KEY =
      emulator?.secretKey ?? (env.EMULATOR_SECRET_KEY || 'no-local-stack-running');
    env.COS_BUCKET = emulator?.bucket ?? (env.EMULATOR_BUCKET || 'portal-1250000000');
    env.COS_REGION = emulator?.region ?? (env.EMULATOR_REGION || 'ap-guangzhou');
    env.COS_DOMAIN = emulatorUrl;
  }
  // The public URL links are printed with: PUBLIC_URL as given; else the running portal's
  // (its PORT may have been given on its own command line); else PORT's default, as the
  // signer derives it.
  let publicUrlNote: string | undefined;
  if (!env.PUBLIC_URL && running) {
    env.PUBLIC_URL = running.publicUrl;
    const file = localStackFile(dataDir);
    const shown = path.relative(ROOT, file).startsWith('..') ? file : path.relative(ROOT, file);
    publicUrlNote = `Links point at ${running.publicUrl}, the portal npm start is running (${shown}); set PUBLIC_URL to choose another.`;
  }
  const devSecretFile = path.join(dataDir, 'dev-link-secret');
  const devLinkSecret =
    emulatorUrl && existsSync(devSecretFile)
      ? readFileSync(devSecretFile, 'utf8').trim()
      : undefined;
  let config: SignerConfig;
  try {
    config = loadConfig(env, devLinkSecret ? { devLinkSecret } : {});
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const hint =
      emulatorUrl && !devLinkSecret
        ? '\n(With no COS_* set, run npm start once: it creates the dev link secret in DATA_DIR.)'
        : '';
    throw new CliError(`${err.message}${hint}`);
  }
  if (!env.PUBLIC_URL && !publicUrlNote) {
    publicUrlNote = `Links point at ${config.publicUrl} (${
      env.PORT ? `PORT ${env.PORT}` : 'PORT not set: 8080'
    }; no running npm start found in DATA_DIR); set PUBLIC_URL if the portal runs elsewhere.`;
  }
  return {
    config,
    cos: createCosClient(config, { timeoutMs: 15_000 }),
    emulatorUrl,
    ...(publicUrlNote ? { publicUrlNote } : {}),
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** A storage failure in words that say what to do; other errors pass through unchanged. */
export function explainStorageError(err: unknown, setup: CliSetup): unknown {
  if (!(err instanceof CosError)) return err;
  if (NETWORK_CODES.has(err.cosCode) || err.statusCode === null) {
    return new CliError(
      setup.emulatorUrl
        ? `The local COS emulator is not reachable at ${setup.emulatorUrl} (${err.cosCode}).\n` +
            'Start the stack with `npm start` in another terminal (it runs the emulator and records ' +
            'it in DATA_DIR for these tools), or set ' +
            'COS_SECRET_ID, COS_SECRET_KEY, COS_BUCKET and COS_REGION to use a real bucket.'
        : `COS is not reachable (${err.cosCode}): check COS_BUCKET, COS_REGION, COS_DOMAIN and the network.`,
    );
  }
  return new CliError(
    `COS refused the request: ${err.cosCode} (HTTP ${err.statusCode})${
      err.requestId ? `, request id ${err.requestId}` : ''
    }. ${
      err.statusCode !== 403
        ? ''
        : setup.emulatorUrl
          ? `The emulator at ${setup.emulatorUrl} did not take the keys: run npm start (it records its emulator's keys in DATA_DIR), or set EMULATOR_SECRET_ID and EMULATOR_SECRET_KEY to them.`
          : 'Check the key and its CAM policy (docs/deploy.md).'
    }`.trim(),
  );
}

/** Runs a CLI's main function: known failures print one clear message and set the exit code. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(err.exitCode);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}

/**
 * A `cos:*` command's whole life: `--help` prints its usage; otherwise it runs against the
 * configured bucket (or the local emulator), printing line by line, its number the exit status,
 * and a storage error explained in words of this setup.
 */
export function runCosCommand(
  usage: string,
  command: (
    setup: CliSetup,
    argv: readonly string[],
    out: (line: string) => void,
  ) => Promise<number>,
): void {
  runCli(async () => {
    const argv = process.argv.slice(2);
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write(`${usage}\n`);
      return;
    }
    const setup = loadCliSetup();
    try {
      process.exitCode = await command(setup, argv, (line) => process.stdout.write(`${line}\n`));
    } catch (err) {
      throw explainStorageError(err, setup);
    }
  });
}
