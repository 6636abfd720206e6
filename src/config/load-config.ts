import { config as configureZod } from 'zod/mini';
import { PortalConfig } from '../../protocol/schemas';

/** Beside index.html, so a deployment under a sub-path finds its own copy. */
export const CONFIG_URL = `${import.meta.env?.BASE_URL ?? '/'}config.json`;

export type ConfigProblem =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'status'; status: number }
  | { kind: 'not-json' }
  | { kind: 'invalid'; issues: string[] };

export type ConfigResult =
  { ok: true; config: PortalConfig } | { ok: false; url: string; problem: ConfigProblem };

/**
 * Loads and validates the runtime configuration once, at start. Never throws: every way it
 * can go wrong becomes a named problem the error screen can explain, instead of a blank page.
 */
export async function loadConfig(url: string = CONFIG_URL): Promise<ConfigResult> {
  const fail = (problem: ConfigProblem): ConfigResult => ({ ok: false, url, problem });
  let response: Response;
  try {
    // no-store: an operator who fixes config.json must not be defeated by a cached copy.
    response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (error) {
    return fail({
      kind: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) return fail({ kind: 'status', status: response.status });

  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    return fail({ kind: 'not-json' });
  }
  let parsed = PortalConfig.safeParse(raw);
  if (!parsed.success) {
    // zod/mini ships no message texts (every issue reads "Invalid input"); the English ones are
    // loaded only on this rare path, so the operator reads what is wrong with each field.
    const { default: english } = await import('zod/v4/locales/en.js');
    configureZod(english());
    parsed = PortalConfig.safeParse(raw);
  }
  if (!parsed.success) {
    return fail({
      kind: 'invalid',
      issues: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`,
      ),
    });
  }
  return { ok: true, config: parsed.data };
}
