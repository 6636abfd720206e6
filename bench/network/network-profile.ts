/**
 * The two network profiles of `npm run bench`: `loopback` (every client talks to the servers
 * directly) and `wan` (every client's traffic to the signer, the emulator and the benchmark's
 * page server passes the shaping proxy). The signer's own requests to COS do not: a signer
 * runs next to its bucket, in the same region.
 *
 * Clients keep using the servers' own URLs, so the Host header, and with it every signature,
 * stays what the signer signed. Chromium is told to connect to the proxy instead
 * (`--host-resolver-rules` maps `127.0.0.1:<server>` to `127.0.0.1:<proxy>`; its connection
 * pools and per-host limits stay keyed by the URL); Node connects to the proxy's port and sends
 * the original Host.
 */
import type { ShapingOptions } from './shaping-proxy';

export const NETWORK_IDS = ['loopback', 'wan'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

/** The realistic network: 40 ms round trip, 8 MB/s per connection, 40 MB/s in total. */
export const WAN_DEFAULTS: ShapingOptions = {
  rttMs: 40,
  perConnectionBytesPerSec: 8e6,
  totalBytesPerSec: 40e6,
};

export interface Network {
  id: NetworkId;
  /** Null on loopback. */
  shaping: ShapingOptions | null;
  /** `host:port` of a server → the port of the proxy in front of it (empty on loopback). */
  proxyPorts: Record<string, number>;
}

export const LOOPBACK: Network = { id: 'loopback', shaping: null, proxyPorts: {} };

/** Chromium flags that send its connections to the servers through the proxy. */
export function chromiumNetworkArgs(network: Network): string[] {
  const rules = Object.entries(network.proxyPorts).map(
    ([hostPort, port]) => `MAP ${hostPort} 127.0.0.1:${port}`,
  );
  return rules.length ? [`--host-resolver-rules=${rules.join(',')}`] : [];
}

/** Where Node connects for `url`, and the Host header that keeps the request what was signed. */
export function connectionFor(
  url: URL,
  network: Network,
): { hostname: string; port: number; host: string } {
  const host = url.host;
  const port = Number(url.port || 80);
  const proxy = network.proxyPorts[host];
  return proxy === undefined
    ? { hostname: url.hostname, port, host }
    : { hostname: '127.0.0.1', port: proxy, host };
}

export function describeNetwork(network: Network): string {
  const s = network.shaping;
  if (!s) return 'loopback (no shaping)';
  return (
    `wan: ${s.rttMs} ms round trip, ${s.perConnectionBytesPerSec / 1e6} MB/s per connection, ` +
    `${s.totalBytesPerSec / 1e6} MB/s in total (each direction), through the shaping proxy`
  );
}
