/**
 * `npm run link -- --title "Scans" --expires 7d --max-file-size 2GiB`: mints a share link with
 * the signer's key (LINK_SECRET / LINK_KEYS, or in a local emulator setup the dev secret kept
 * in DATA_DIR) and prints its URL. Minting needs no COS access.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config';
import { mintLinkToken } from '../links/link-token';
import { createLinkClaims } from '../links/link-types';
import { LINK_CLI_USAGE, parseLinkArgs } from './parse-link-args';

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${LINK_CLI_USAGE}\n`);
    return;
  }
  let parsed;
  try {
    parsed = parseLinkArgs(argv);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${LINK_CLI_USAGE}\n`);
    process.exit(2);
  }
  const env = { ...process.env };
  // COS settings do not matter for minting; placeholders keep loadConfig's checks on the rest.
  env.COS_SECRET_ID ||= 'unused';
  env.COS_SECRET_KEY ||= 'unused';
  env.COS_BUCKET ||= 'unused-1250000000';
  env.COS_REGION ||= 'unused';
  const devSecretFile = path.resolve(env.DATA_DIR || '.data', 'dev-link-secret');
  const devLinkSecret = existsSync(devSecretFile)
    ? readFileSync(devSecretFile, 'utf8').trim()
    : undefined;
  let config;
  try {
    config = loadConfig(env, devLinkSecret ? { devLinkSecret } : {});
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  let claims;
  try {
    claims = createLinkClaims(parsed.options, config.uploadPrefix);
  } catch (err) {
    process.stderr.write(`invalid link options: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const token = mintLinkToken(config.linkKeys, claims);
  const url = `${config.publicUrl}/u/${token}`;
  if (parsed.json) process.stdout.write(`${JSON.stringify({ token, url })}\n`);
  else {
    if (config.usingDevLinkSecret) process.stderr.write('(signed with the local dev secret)\n');
    process.stdout.write(`${url}\n`);
  }
}

main();
