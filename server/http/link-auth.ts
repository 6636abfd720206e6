import type { Context } from 'hono';
import type { SignerConfig } from '../config';
import type { RateLimiter } from '../limits/rate-limiter';
import { createLinkTokenVerifier } from '../links/link-token';
import type { LinkClaims } from '../links/link-types';
import { Refusal } from '../refusal';
import type { LinkState } from '../state/link-state';
import { rateLimited } from './rate-limits';

const LINK_MESSAGES = {
  'link-malformed': 'This upload link is not valid.',
  'link-tampered': 'This upload link is not valid.',
  'link-expired': 'This upload link has expired.',
  'link-revoked': 'This upload link has been withdrawn by its owner.',
} as const;

/** Neither prefix contains the other (an empty prefix contains everything). */
function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

export interface LinkAuth {
  /**
   * The link a request acts for: its token verified (signature, expiry), its key prefix clear
   * of the state prefix, and its per-link rate respected.
   */
  verifiedLink(c: Context): LinkClaims;
  /**
   * The link of a call that only finishes an upload signed earlier (list its parts, complete,
   * abort): its token must verify, but the link may have expired or been revoked since. Those
   * bytes could land anyway, their URLs being valid; completing verifies and counts them, so
   * the contributor sees them done and the owner sees them counted instead of finding
   * unverified objects (docs/security.md, "Revoking a link"). The ticket (signed, bound to this
   * link and one key) is the authority, and nothing new can be signed: `/uploads` and
   * `/uploads/sign` still require a live link.
   */
  finishingLink(c: Context): LinkClaims;
  /**
   * A verified link that is also not revoked. The revocation is read through the state cache,
   * so it takes effect within STATE_CACHE_SECONDS on every instance.
   */
  requireLink(c: Context): Promise<LinkClaims>;
}

export function createLinkAuth(deps: {
  config: SignerConfig;
  state: LinkState;
  perLink: RateLimiter;
  now: () => number;
}): LinkAuth {
  const { config, state, now } = deps;
  const verifyLink = createLinkTokenVerifier(config.linkKeys);

  function verifiedLink(c: Context, { finishing = false } = {}): LinkClaims {
    const auth = c.req.header('authorization');
    if (!auth) throw new Refusal('link-missing', 'This request needs an upload link.');
    const m = /^Bearer +([^\s]+)$/i.exec(auth);
    if (!m) throw new Refusal('link-malformed', LINK_MESSAGES['link-malformed']);
    // Finishing an upload signed earlier is allowed past the link's expiry (finishingLink).
    const result = verifyLink(m[1]!, finishing ? 0 : now());
    if (!result.ok) throw new Refusal(result.code, LINK_MESSAGES[result.code]);
    const link = result.link;
    if (overlaps(link.prefix, config.statePrefix)) {
      throw new Refusal('link-malformed', LINK_MESSAGES['link-malformed']);
    }
    const taken = deps.perLink.take(link.id);
    if (!taken.ok) throw rateLimited(taken.retryAfterSeconds, 'for this link');
    return link;
  }

  return {
    verifiedLink: (c) => verifiedLink(c),
    finishingLink: (c) => verifiedLink(c, { finishing: true }),
    async requireLink(c) {
      const link = verifiedLink(c);
      if (await state.revocation(link.id)) {
        throw new Refusal('link-revoked', LINK_MESSAGES['link-revoked']);
      }
      return link;
    },
  };
}
