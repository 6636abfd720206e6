import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignerConfig } from '../config';
import { ConfigError, loadConfig } from '../config';
import type { CosClient } from '../cos/cos-client';
import { createCosClient } from '../cos/cos-client';
import { CosError } from '../cos/cos-error';

/**
 * The configuration the command-line tools share with the signer: the same environment (and
 * `.env`, as `npm start` reads it). With no COS_* variable set they talk to the local emulator
 * that `npm start` runs: its address and dev-only keys come from `DATA_DIR/emulator.json`,
 * which scripts/stack.ts writes when it starts the emulator, and the dev link secret from
 * DATA_DIR too, exactly as the stack wires the signer.
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

/** The emulator `npm start` runs, as scripts/stack.ts wrote it down; null when there is none. */
function localEmulator(
  dataDir: string,
): Record<'url' | 'secretId' | 'secretKey' | 'bucket' | 'region', string> | null {
  const file = path.join(dataDir, 'emulator.json');
  if (!existsSync(file)) return null;
  try {
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const fields = ['url', 'secretId', 'secretKey', 'bucket', 'region'] as const;
    return fields.every((name) => typeof settings[name] === 'string')
      ? (settings as Record<(typeof fields)[number], string>)
      : null;
  } catch {
    return null;
  }
}

export function loadCliSetup(baseEnv: NodeJS.ProcessEnv = process.env): CliSetup {
  const envFile = path.join(ROOT, '.env');
  if (baseEnv === process.env && existsSync(envFile)) process.loadEnvFile(envFile);
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  const dataDir = path.resolve(ROOT, env.DATA_DIR || '.data');
  let emulatorUrl: string | null = null;
  if (COS_VARS.every((name) => !env[name])) {
    // Without the file nothing was started here: the address and keys given in the
    // environment (EMULATOR_*, as in .env.example) are the best guess, and a tool that needs
    // the bucket says the emulator is not reachable.
    const local = localEmulator(dataDir);
    emulatorUrl = local?.url ?? `http://127.0.0.1:${env.EMULATOR_PORT || '9000'}`;
    env.COS_SECRET_ID = local?.secretId ?? (env.EMULATOR_SECRET_ID || 'unknown-emulator-key');
    env.COS_SECRET_KEY = local?.secretKey ?? (env.EMULATOR_SECRET_KEY || 'unknown-emulator-key');
    env.COS_BUCKET = local?.bucket ?? (env.EMULATOR_BUCKET || 'portal-1250000000');
    env.COS_REGION = local?.region ?? (env.EMULATOR_REGION || 'ap-guangzhou');
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
