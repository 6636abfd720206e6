import { Refusal } from '../refusal';
import type { LinkClaims } from '../links/link-types';
import type { UploadTicket } from './ticket';
import { readTicket } from './ticket';
import { isTicketTypeAcceptable, typeRefusal } from './type-match';
import type { UploadDeps } from './upload-deps';

/**
 * Opening an upload's ticket for a call after planning (sign, parts, complete, abort): each
 * starts from the signed ticket, so it can only ever act on the one key (and upload id) the
 * server chose for that file.
 */
export type Multipart = UploadTicket & { uploadId: string; partSize: number; partCount: number };

export function openTicket(deps: UploadDeps, link: LinkClaims, ticket: string): UploadTicket {
  return readTicket(deps.config.linkKeys, ticket, { linkId: link.id, nowMs: deps.now() });
}

export function asMultipart(t: UploadTicket): Multipart | null {
  return t.mode === 'multipart' && t.uploadId && t.partSize && t.partCount
    ? (t as Multipart)
    : null;
}

/**
 * A ticket's type must still pass the link's type rule: one issued before the rule (or before
 * the owner's list changed meaning) gets no fresh URL and is not completed.
 */
export function typeStillAllowed(link: LinkClaims, t: UploadTicket): boolean {
  return isTicketTypeAcceptable(link.allowedTypes, t.key, t.type);
}

export function typeRefused(link: LinkClaims): Refusal {
  const refusal = typeRefusal(link.allowedTypes);
  return new Refusal(refusal.code, refusal.message, refusal.details);
}

/** COS quotes ETags; browsers may hand them back with or without the quotes. */
export function normalizeEtag(etag: string): string {
  return etag
    .trim()
    .replace(/^"|"$/g, '')
    .replace(/^&quot;|&quot;$/g, '')
    .toLowerCase();
}
