import { z } from 'zod';
import type { LinkKeySet } from '../links/link-keys';
import { openToken, sealToken } from '../links/signed-token';

/**
 * Proof that someone typed a link's password: an HMAC token (the envelope of links and tickets,
 * in its own MAC domain) bound to the link and its settings digest, living for half an hour.
 * The page keeps the proof, never the password; a proof opens submissions of that link only,
 * and the link token alone opens none.
 */
export const PROOF_TTL_SECONDS = 30 * 60;
const DOMAIN = 'proof';

const Wire = z.object({
  l: z.string().min(1),
  q: z.string().min(1),
  e: z.number().int().positive(),
});

export function issuePasswordProof(
  keys: LinkKeySet,
  link: { id: string; settingsHash: string },
  nowMs: number,
): { proof: string; expiresAt: number } {
  const exp = Math.floor(nowMs / 1000) + PROOF_TTL_SECONDS;
  return {
    proof: sealToken(keys, DOMAIN, { l: link.id, q: link.settingsHash, e: exp }),
    expiresAt: exp * 1000,
  };
}

/** True for a proof this deployment issued for this link (and these settings), not expired. */
export function checkPasswordProof(
  keys: LinkKeySet,
  proof: string | undefined,
  link: { id: string; settingsHash: string },
  nowMs: number,
): boolean {
  if (!proof) return false;
  const opened = openToken(keys, DOMAIN, proof);
  if (!opened.ok) return false;
  const w = Wire.safeParse(opened.payload);
  return (
    w.success && w.data.l === link.id && w.data.q === link.settingsHash && nowMs < w.data.e * 1000
  );
}
