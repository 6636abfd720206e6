import type { LogLevel } from '../config';

/**
 * A deliberately small line logger. Callers must never pass link tokens, tickets, signed URLs
 * or Authorization headers; the access log redacts paths before they get here, and every line
 * is redacted once more on its way out (a token inside an error message or a stack).
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Standard output, written once per turn of the event loop: under load the access log is one
 * system call per batch of requests, not one per request. Lines still pending when the process
 * exits are written then (writes to files and pipes are synchronous on exit).
 */
function bufferedStdout(): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    process.stdout.write(text);
  };
  process.once('exit', flush);
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line);
  };
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = bufferedStdout(),
): Logger {
  const at = (l: Exclude<LogLevel, 'silent'>, message: string) => {
    if (RANK[l] >= RANK[level]) {
      write(`${new Date().toISOString()} ${l.toUpperCase()} ${redactTokens(message)}`);
    }
  };
  return {
    debug: (m) => at('debug', m),
    info: (m) => at('info', m),
    warn: (m) => at('warn', m),
    error: (m, err) => at('error', err instanceof Error ? `${m}: ${err.stack ?? err.message}` : m),
  };
}

/**
 * Link tokens and upload tickets are `<kid>.<base64url>.<base64url>` (signed-token.ts): a run of
 * base64url characters in three or more dot-separated pieces, one of them long (the MAC is 22
 * characters, the payload longer). Matched only from the start of such a run (the lookbehind),
 * so a long run without dots costs linear time, not quadratic. `%2E` counts as a dot: a path
 * may arrive with its dots encoded.
 */
const TOKEN_LIKE = /(?<![A-Za-z0-9_.%-])[A-Za-z0-9_-]+(?:(?:\.|%2[Ee])[A-Za-z0-9_-]+){2,}/g;
const LONG_PIECE = 16;

/**
 * Other secrets an error message may quote: a pre-signed URL's signature (a capability for one
 * PUT until it expires) and a bearer credential (a link token, or the admin token).
 */
const URL_SIGNATURE = /(q-signature=)[^&\s"']+/gi;
const BEARER = /(\bBearer\s+)[^\s"',;]+/gi;

/**
 * Anything shaped like a link token or a ticket, a URL signature or a bearer credential,
 * anywhere in `text`, replaced.
 */
export function redactTokens(text: string): string {
  return text
    .replace(TOKEN_LIKE, (run) =>
      run.split(/\.|%2[Ee]/).some((piece) => piece.length >= LONG_PIECE) ? '<redacted>' : run,
    )
    .replace(URL_SIGNATURE, '$1<redacted>')
    .replace(BEARER, '$1<redacted>');
}

/**
 * The segment after `u` or `embed` (the page routes that carry a token), in any case, after any
 * prefix a proxy adds, after doubled or encoded slashes: whatever follows may be a token, whole
 * or cut short, so it is not logged even when it does not look like one.
 */
const TOKEN_SEGMENT = /(^|\/|%2[Ff])(u|embed)(?:\/|%2[Ff])+[^/]*/gi;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const MAX_LOGGED_PATH = 512;

/**
 * A request path as the access log may show it: token segments and token-shaped runs
 * redacted, control characters percent-encoded (a decoded `%0A` must not start a forged log
 * line), and at most 512 characters.
 */
export function redactPath(path: string): string {
  const shown = redactTokens(path.replace(TOKEN_SEGMENT, '$1$2/<redacted>')).replace(
    UNPRINTABLE,
    (ch) => encodeURIComponent(ch),
  );
  return shown.length > MAX_LOGGED_PATH ? `${shown.slice(0, MAX_LOGGED_PATH)}…` : shown;
}
