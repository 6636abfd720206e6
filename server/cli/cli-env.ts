import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../../emulator/dev-credentials';
import type { SignerConfig } from '../config';
import { ConfigError, loadConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { createCosClient } from '../cos/cos-client';
import { CosError } from '../cos/cos-error';

/**
 * The configuration the command-line tools share with the signer: the same environment (and
 * `.env`, as `npm start` reads it). With no COS_* variable set they talk to the local emulator
 * that `npm start` runs, with its dev-only keys and the dev link secret kept in DATA_DIR,
 * exactly as scripts/stack.ts wires the signer.
 */
export interface CliSetup {
  config: SignerConfig;
  cos: CosClient;
  /** The local emulator's URL when no COS_* is set (it must be running); else null. */
  emulatorUrl: string | null;
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
  let emulatorUrl: string | null = null;
  if (COS_VARS.every((name) => !env[name])) {
    emulatorUrl = `http://127.0.0.1:${env.EMULATOR_PORT || '9000'}`;
    env.COS_SECRET_ID = env.EMULATOR_SECRET_ID || DEV_SECRET_ID;
    env.COS_SECRET_KEY = env.EMULATOR_SECRET_KEY || DEV_SECRET_KEY;
    env.COS_BUCKET = env.EMULATOR_BUCKET || 'portal-1250000000';
    env.COS_REGION = env.EMULATOR_REGION || 'ap-guangzhou';
    env.COS_DOMAIN = emulatorUrl;
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
  return { config, cos: createCosClient(config, { timeoutMs: 15_000 }), emulatorUrl };
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
            'Start the stack with `npm start` in another terminal (it runs the emulator), or set ' +
            'COS_SECRET_ID, COS_SECRET_KEY, COS_BUCKET and COS_REGION to use a real bucket.'
        : `COS is not reachable (${err.cosCode}): check COS_BUCKET, COS_REGION, COS_DOMAIN and the network.`,
    );
  }
  return new CliError(
    `COS refused the request: ${err.cosCode} (HTTP ${err.statusCode})${
      err.requestId ? `, request id ${err.requestId}` : ''
    }. ${err.statusCode === 403 ? 'Check the key and its CAM policy (docs/deploy.md).' : ''}`.trim(),
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
