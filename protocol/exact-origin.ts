/**
 * The one rule for every origin list the owner configures (a link's embed origins,
 * `PORTAL_ORIGINS`): an exact web origin, scheme + host + optional port, nothing else. These
 * lists are matched literally (CSP `frame-ancestors`, `postMessage` targets, CORS), so a
 * wildcard, a path or credentials would either widen what the owner meant or silently match
 * nothing. Shared by the signer, the CLI and the admin view (no DOM or Node APIs).
 */

export type OriginProblem =
  | 'empty'
  | 'not-a-url'
  | 'scheme'
  | 'wildcard'
  | 'userinfo'
  | 'path'
  | 'query'
  | 'fragment'
  | 'host';

export type OriginCheck = { ok: true; origin: string } | { ok: false; problem: OriginProblem };

export const ORIGIN_EXAMPLE = 'https://forms.example.org';

/** `scheme://authority` and the rest, before any URL parser forgives anything. */
const SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
/** What a host may be once the URL parser has lower-cased it and turned IDNs into punycode. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])$/;

/**
 * Checks one origin. Accepted spellings are normalised the way browsers report an origin
 * (`event.origin`, `location.origin`): lower-case host, no default port, no trailing `/`.
 */
export function checkExactOrigin(value: string): OriginCheck {
  const raw = value.trim();
  if (raw === '') return { ok: false, problem: 'empty' };
  if (raw.includes('*')) return { ok: false, problem: 'wildcard' };
  const shape = SHAPE.exec(raw);
  if (!shape) return { ok: false, problem: 'not-a-url' };
  const [, scheme, authority, rest] = shape as unknown as [string, string, string, string];
  if (!/^https?$/i.test(scheme)) return { ok: false, problem: 'scheme' };
  if (authority.includes('@')) return { ok: false, problem: 'userinfo' };
  if (rest.startsWith('?') || rest.startsWith('/?')) return { ok: false, problem: 'query' };
  if (rest.startsWith('#') || rest.startsWith('/#')) return { ok: false, problem: 'fragment' };
  if (rest !== '' && rest !== '/') return { ok: false, problem: 'path' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: authority === '' ? 'not-a-url' : 'host' };
  }
  if (!HOST.test(url.hostname) || url.origin === 'null') return { ok: false, problem: 'host' };
  return { ok: true, origin: url.origin };
}

const WHY: Record<OriginProblem, string> = {
  empty: 'it is empty',
  'not-a-url': 'it is not a web address starting with https:// or http://',
  scheme: 'only https:// and http:// origins can embed a page or call the API',
  wildcard: 'wildcards (*) are not allowed; list every site exactly',
  userinfo: 'it contains a user name or password (an @ before the host)',
  path: 'an origin has no path; leave out everything after the host and port',
  query: 'an origin has no query string (?…)',
  fragment: 'an origin has no fragment (#…)',
  host: 'its host name or port is not valid',
};

/** What is wrong, in words, for a sentence that names the field itself. */
export function originProblemReason(problem: OriginProblem): string {
  return WHY[problem];
}

/**
 * A sentence for people: which entry of which field, what is wrong, and a valid example, e.g.
 * `embed origin "https://*.example.org" is not an exact origin: wildcards (*) are not
 * allowed; list every site exactly (like https://forms.example.org).`
 */
export function describeOriginProblem(
  field: string,
  value: string,
  problem: OriginProblem,
): string {
  return `${field} "${value}" is not an exact origin: ${originProblemReason(problem)} (like ${ORIGIN_EXAMPLE}).`;
}
