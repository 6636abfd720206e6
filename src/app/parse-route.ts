export type Route =
  | { page: 'landing' }
  | { page: 'upload'; token: string; compact: boolean }
  | { page: 'admin' }
  | { page: 'not-found' };

/**
 * Routes by pathname, no router library: the portal has three pages and the token is the
 * only parameter. `/u/` with nothing after it is still the upload page: it then explains
 * that the link is missing rather than claiming the page does not exist.
 */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'landing' };
  if (pathname === '/admin') return { page: 'admin' };
  const match = /^\/(u|embed)\/([^/]*)\/?$/.exec(pathname);
  if (!match) return { page: 'not-found' };
  let token: string;
  try {
    token = decodeURIComponent(match[2]!);
  } catch {
    // A broken percent-escape is a malformed link; the signer will say so in its own words.
    token = match[2]!;
  }
  return { page: 'upload', token, compact: match[1] === 'embed' };
}
