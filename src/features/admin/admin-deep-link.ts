/**
 * `/admin?link=<id>&submission=<sid>`, the address notifications link to: which link (and
 * which of its submissions) to open once the owner has given the admin token. Ids are opaque
 * URL-safe strings; anything else is ignored rather than sent to the server.
 */
export interface AdminDeepLink {
  linkId: string;
  submissionId: string | null;
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

export function parseAdminDeepLink(search: string): AdminDeepLink | null {
  const params = new URLSearchParams(search);
  const linkId = params.get('link');
  if (!linkId || !ID.test(linkId)) return null;
  const submission = params.get('submission');
  return { linkId, submissionId: submission && ID.test(submission) ? submission : null };
}
