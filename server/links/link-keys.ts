/**
 * The HMAC key set that signs share-link tokens and upload tickets. The first key is the
 * active one (new tokens are minted with it); every key verifies, so a secret can be rotated
 * by putting the new one first and keeping the old one until its tokens have expired.
 */
export interface LinkKey {
  /** Key id carried in each token; letters, digits, `_` and `-` only (it sits in URLs). */
  kid: string;
  secret: string;
}

export interface LinkKeySet {
  active: LinkKey;
  byKid: ReadonlyMap<string, string>;
}

export const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
export const MIN_SECRET_LENGTH = 32;
/** Key id used when the key material comes from the single-secret form (`LINK_SECRET`). */
export const DEFAULT_KID = 'k0';

export function linkKeySet(keys: readonly LinkKey[]): LinkKeySet {
  const first = keys[0];
  if (!first) throw new Error('a link key set needs at least one key');
  const byKid = new Map<string, string>();
  for (const key of keys) {
    if (!KID_PATTERN.test(key.kid)) throw new Error(`invalid key id "${key.kid}"`);
    if (key.secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`the secret of key "${key.kid}" is shorter than ${MIN_SECRET_LENGTH}`);
    }
    if (byKid.has(key.kid)) throw new Error(`duplicate key id "${key.kid}"`);
    byKid.set(key.kid, key.secret);
  }
  return { active: first, byKid };
}
