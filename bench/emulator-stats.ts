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
 * The per-file request mix the report shows. The emulator cannot tell who sent a request, so
 * the client's own PUT count (from the tool) splits its total: what is neither a preflight nor
 * a client PUT is the signer's server-side work (initiate, complete, HEAD, its bookkeeping).
 */
export function requestMix(counts: EmulatorCounts, clientPuts: number, files: number) {
  const per = (n: number) => (files > 0 ? n / files : 0);
  const preflights = counts.preflight ?? 0;
  const others = Math.max(0, (counts.requests ?? 0) - preflights - clientPuts);
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
