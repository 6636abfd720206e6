import { mintLinkToken } from '../links/link-token';
import type { LinkOptions } from '../links/link-types';
import { createLinkClaims } from '../links/link-types';
import type { TestStack } from './test-stack';

/**
 * A token for a link on the test stack, minted as `npm run link -- create` would but not
 * registered in the bucket; `nowMs` is when it is created (its expiry counts from then).
 */
export function mintTestLink(stack: TestStack, options: LinkOptions = {}, nowMs = Date.now()) {
  return mintLinkToken(
    stack.config.linkKeys,
    createLinkClaims(options, stack.config.uploadPrefix, nowMs),
  );
}
