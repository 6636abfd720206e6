import type { TypeDecision } from '../../protocol/file-types';
import { decideFileType, isStoredTypeAcceptable } from '../../protocol/file-types';
import type { ApiError } from '../../protocol/schemas';

/**
 * The signer's side of the type rule (protocol/file-types.ts, docs/security.md): the type an
 * upload is stored with is decided from the name its object key ends with, which is what the
 * sanitised key really says, not from what the browser claims. The decided type is signed
 * into the upload (`content-type`), so COS refuses any other.
 */

/** The last segment of an object key: `<id>-<sanitised name>`. */
function keyName(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export function decideStoredType(
  allowedTypes: readonly string[],
  key: string,
  declared: string,
): TypeDecision {
  return decideFileType(allowedTypes, keyName(key), declared);
}

/** An upload ticket's type still passes the rule (tickets issued earlier are checked again). */
export function isTicketTypeAcceptable(
  allowedTypes: readonly string[],
  key: string,
  type: string,
): boolean {
  return isStoredTypeAcceptable(allowedTypes, keyName(key), type);
}

/**
 * `415 file-type-not-allowed`, with the type the file was judged to be and why, so the portal
 * can say "page.html is a web page (text/html)" rather than only "not accepted".
 */
export function typeRefusal(
  allowedTypes: readonly string[],
  decision?: TypeDecision & { ok: false },
): ApiError {
  return {
    code: 'file-type-not-allowed',
    message:
      decision?.reason === 'active'
        ? 'This link accepts files of this type only when it names the type exactly: browsers run scripts in it.'
        : 'This link does not accept files of this type.',
    details: {
      allowed: [...allowedTypes],
      ...(decision ? { type: decision.type, reason: decision.reason } : {}),
    },
  };
}
