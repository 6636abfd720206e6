import type { LogLevel } from '../config';

/**
 * A deliberately small line logger. Callers must never pass link tokens, tickets, signed URLs
 * or Authorization headers; the access log redacts paths before they get here.
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
    if (RANK[l] >= RANK[level]) write(`${new Date().toISOString()} ${l.toUpperCase()} ${message}`);
  };
  return {
    debug: (m) => at('debug', m),
    info: (m) => at('info', m),
    warn: (m) => at('warn', m),
    error: (m, err) => at('error', err instanceof Error ? `${m}: ${err.stack ?? err.message}` : m),
  };
}

/** Paths carrying a link token (`/u/<token>`, `/embed/<token>`) are logged without it. */
export function redactPath(path: string): string {
  return path.replace(/^\/(u|embed)\/[^/]+/, '/$1/<redacted>');
}
