import type { SignerConfig } from '../config';
import type { LinkState } from '../state/link-state';
import {
  buildSubmissionSettings,
  hasSubmissionOptions,
  settingsDigest,
} from '../submissions/submission-settings';
import { mintLinkToken } from './link-token';
import type { LinkClaims, LinkOptions } from './link-types';
import { createLinkClaims } from './link-types';

/**
 * Mints a share link and records it in the bucket's link registry. The one way links are made:
 * the CLI, the admin API and the demo link of `npm start` all come through here.
 */
export interface CreatedLink {
  claims: LinkClaims;
  token: string;
  /** The upload page, `<PUBLIC_URL>/u/<token>`. */
  url: string;
}

export type LinkConfig = Pick<
  SignerConfig,
  'linkKeys' | 'uploadPrefix' | 'statePrefix' | 'publicUrl'
>;

export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/u/${token}`;
}

/** Claims and token, without touching the bucket (throws on invalid options). */
export function mintLink(config: LinkConfig, options: LinkOptions, nowMs: number): CreatedLink {
  if (options.settingsHash === undefined && hasSubmissionOptions(options)) {
    // The settings (and the password's hash) live in the registry; a link minted offline
    // would have nowhere to keep them.
    throw new Error(
      'a link that asks for a password, details, fields, terms or a folder template must be registered in the bucket (leave out --no-register)',
    );
  }
  const claims = createLinkClaims(options, config.uploadPrefix, nowMs);
  if (
    claims.prefix.startsWith(config.statePrefix) ||
    config.statePrefix.startsWith(claims.prefix)
  ) {
    throw new Error(`a link's key prefix may not overlap the state prefix ${config.statePrefix}`);
  }
  const token = mintLinkToken(config.linkKeys, claims);
  return { claims, token, url: linkUrl(config.publicUrl, token) };
}

/** Mints a link and registers it (so `list` and `show` know it). */
export async function createLink(
  config: LinkConfig,
  state: LinkState,
  options: LinkOptions,
  nowMs: number,
): Promise<CreatedLink> {
  // Checked and hashed (the password) first; the token carries only their digest.
  const { settingsHash: _ignored, ...given } = options;
  const settings = await buildSubmissionSettings(given);
  const created = mintLink(
    config,
    settings ? { ...given, settingsHash: settingsDigest(settings) } : given,
    nowMs,
  );
  await state.register({
    v: 1,
    createdAt: nowMs,
    kid: config.linkKeys.active.kid,
    claims: created.claims,
    ...(settings ? { submission: settings } : {}),
  });
  return created;
}

/** The token of a registered link, minted again: HMAC is deterministic, so while the key that
 * minted it is still the active one this is byte for byte the token that was handed out. */
export function tokenOf(config: LinkConfig, claims: LinkClaims): string {
  return mintLinkToken(config.linkKeys, claims);
}
