import { z } from 'zod';
import { Refusal } from '../refusal';
import type { LinkKeySet } from '../links/link-keys';
import { openToken, sealToken } from '../links/signed-token';

/**
 * The handle a page holds for its submission: an HMAC token (own MAC domain) binding the link,
 * the submission id, its folder and start. With it, `POST /uploads` places files without reading
 * anything from the bucket; whether the submission is still open is state, read from the bucket.
 */
export interface SubmissionRef {
  linkId: string;
  id: string;
  /** Folder below the link's prefix, ending in `/`. */
  folder: string;
  startedAt: number;
}

/** Long enough to fetch a receipt for a month; the submission itself closes far sooner. */
export const SUBMISSION_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const DOMAIN = 'submission';

const Wire = z.object({
  l: z.string().min(1),
  s: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  f: z.string().min(1).max(1024),
  t: z.number().int().nonnegative(),
  e: z.number().int().positive(),
});

export function issueSubmissionToken(keys: LinkKeySet, ref: SubmissionRef): string {
  return sealToken(keys, DOMAIN, {
    l: ref.linkId,
    s: ref.id,
    f: ref.folder,
    t: ref.startedAt,
    e: Math.floor(ref.startedAt / 1000) + SUBMISSION_TOKEN_TTL_SECONDS,
  });
}

/** Opens a submission token of link `linkId`; anything else is `submission-invalid`. */
export function readSubmissionToken(
  keys: LinkKeySet,
  token: string,
  expect: { linkId: string; nowMs: number },
): SubmissionRef {
  const invalid = () =>
    new Refusal('submission-invalid', 'This submission is not valid for this link.');
  const opened = openToken(keys, DOMAIN, token);
  if (!opened.ok) throw invalid();
  const w = Wire.safeParse(opened.payload);
  if (!w.success || w.data.l !== expect.linkId || expect.nowMs >= w.data.e * 1000) {
    throw invalid();
  }
  return { linkId: w.data.l, id: w.data.s, folder: w.data.f, startedAt: w.data.t };
}
