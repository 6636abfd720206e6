/**
 * The emulator's request counters (its admin API: `GET /stats`, `POST /stats/reset`): what the
 * storage side saw of a run, by COS operation, whatever the client claims.
 */
export type EmulatorCounts = Record<string, number>;

function flatten(value: unknown, prefix = '', out: EmulatorCounts = {}): EmulatorCounts {
  if (typeof value === 'number') out[prefix] = value;
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

export async function resetEmulatorStats(adminUrl: string): Promise<void> {
  const res = await fetch(`${adminUrl}/stats/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`emulator stats reset answered ${res.status}`);
  await res.arrayBuffer();
}

/** Counters as flat `name → number` (`errors.SignatureDoesNotMatch`, …); zeros left out. */
export async function readEmulatorStats(adminUrl: string): Promise<EmulatorCounts> {
  const res = await fetch(`${adminUrl}/stats`);
  if (!res.ok) throw new Error(`emulator stats answered ${res.status}`);
  const flat = flatten(await res.json());
  return Object.fromEntries(Object.entries(flat).filter(([, v]) => v !== 0));
}

/**
 * The per-file request mix the report shows. The signer's server-side work (initiate, complete,
 * verification, its bookkeeping) is what the emulator counts as signed in the `Authorization`
 * header (`byAuth.header`: how the COS SDK sends its calls; browsers and the Node tool only
 * ever send pre-signed URLs). From an emulator without that count, the client's own PUT count
 * (from the tool) splits the total instead: what is neither a preflight nor a client PUT.
 */
export function requestMix(counts: EmulatorCounts, clientPuts: number, files: number) {
  const per = (n: number) => (files > 0 ? n / files : 0);
  const preflights = counts.preflight ?? 0;
  const byAuth = Object.keys(counts).some((k) => k.startsWith('byAuth.'));
  const others = byAuth
    ? (counts['byAuth.header.requests'] ?? 0)
    : Math.max(0, (counts.requests ?? 0) - preflights - clientPuts);
  const errors = Object.entries(counts)
    .filter(([k]) => k.startsWith('errors.'))
    .reduce((n, [, v]) => n + v, 0);
  return {
    preflightPerFile: per(preflights),
    putPerFile: per(clientPuts),
    otherPerFile: per(others),
    requestsPerFile: per(counts.requests ?? 0),
    errorResponses: errors,
  };
}
