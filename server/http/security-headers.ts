/**
 * Response headers for every answer, and the Content-Security-Policy of the portal page.
 * The portal loads nothing from third parties (capability URLs must not leak through
 * Referer or foreign scripts) and may talk only to itself and the COS endpoint.
 */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

export interface CspOptions {
  /** Origins besides 'self' the page may connect to (the COS endpoint). */
  connectOrigins: readonly string[];
  /** Origins allowed to frame the page; empty = nobody ('none'). */
  frameAncestors: readonly string[];
}

export function portalCsp({ connectOrigins, frameAncestors }: CspOptions): string {
  const connect = ["'self'", ...new Set(connectOrigins)].join(' ');
  const ancestors = frameAncestors.length ? [...new Set(frameAncestors)].join(' ') : "'none'";
  return [
    "default-src 'self'",
    // WebAssembly compilation only (no JavaScript eval): the CRC-64 of every file runs in
    // WebAssembly, in the hash worker and in the page's fallback hasher.
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
