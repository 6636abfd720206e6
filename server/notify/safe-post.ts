import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { blockReason } from './blocked-address';
import type { DeliveryProblem } from './delivery-problem';

/**
 * One POST to an owner-given address, made safe against server-side request forgery:
 *
 * - https only (plain http only when private addresses are allowed, for local testing);
 * - the host is resolved first and every address it resolves to must be public
 *   (`blockReason`); then the connection goes to exactly the address that was checked (the
 *   socket's lookup is pinned to it), so a second, different DNS answer (rebinding) is never
 *   used; TLS still checks the certificate against the host name;
 * - redirects are never followed (a 3xx is an answer like any other);
 * - one deadline for connecting, sending and the answer (10 s by default);
 * - at most a few KB of the answer are read (chat services say in the body whether a message
 *   was accepted), and the answer body is never logged by anyone.
 */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export interface SafePostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}

export type PostResult =
  | {
      kind: 'answered';
      status: number;
      headers: http.IncomingHttpHeaders;
      /** The first MAX_ANSWER_BYTES of the answer, for the caller's interpretation only. */
      body: string;
    }
  /** Refused before any connection: scheme or a non-public address. */
  | { kind: 'refused'; problem: DeliveryProblem }
  | { kind: 'timeout' }
  /** No answer: DNS failure, refused or reset connection, TLS failure (`code` only). */
  | { kind: 'network'; code: string };

export const MAX_ANSWER_BYTES = 16 * 1024;

async function pickAddress(
  host: string,
  allowPrivate: boolean,
  resolve: Resolver,
): Promise<ResolvedAddress | { refused: DeliveryProblem }> {
  const literal = host.replace(/^\[|\]$/g, '');
  const family = isIP(literal);
  const addresses: ResolvedAddress[] = family
    ? [{ address: literal, family: family === 6 ? 6 : 4 }]
    : await resolve(host);
  if (addresses.length === 0) return { refused: { code: 'no-address' } };
  if (!allowPrivate) {
    for (const a of addresses) {
      const reason = blockReason(a.address);
      // Any non-public answer refuses the host: a name that resolves partly to the inside is
      // not a public webhook.
      if (reason) return { refused: { code: 'blocked-address', detail: reason } };
    }
  }
  return addresses[0]!;
}

export async function safePost(
  href: string,
  body: string,
  options: SafePostOptions,
): Promise<PostResult> {
  const url = new URL(href);
  if (url.protocol !== 'https:' && !(options.allowPrivate && url.protocol === 'http:')) {
    return { kind: 'refused', problem: { code: 'not-https' } };
  }
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let picked: ResolvedAddress | { refused: DeliveryProblem };
  try {
    picked = await Promise.race([
      pickAddress(url.hostname, options.allowPrivate, options.resolve ?? systemResolver),
      new Promise<never>((_, reject) =>
        deadline.addEventListener('abort', () => reject(deadline.reason as Error), { once: true }),
      ),
    ]);
  } catch (err) {
    if (deadline.aborted) return { kind: 'timeout' };
    return { kind: 'network', code: (err as NodeJS.ErrnoException).code ?? 'DNS' };
  }
  if ('refused' in picked) return { kind: 'refused', problem: picked.refused };
  const { address, family } = picked;

  // The socket connects to the checked address whatever the name resolves to by then. Node
  // asks with `all: true` when it races address families (autoSelectFamily).
  const pinned: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]);
    } else callback(null, address, family);
  };

  const payload = Buffer.from(body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        // Never reuse a socket: each request makes its own checked connection.
        agent: false,
        signal: deadline,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(payload.length),
          'User-Agent': 'cos-upload-portal-notifier',
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Enough to judge the answer; the rest is not worth waiting or paying for.
          if (size >= MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () =>
          finish({
            kind: 'answered',
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8'),
          });
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => (deadline.aborted ? finish({ kind: 'timeout' }) : done()));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (deadline.aborted) finish({ kind: 'timeout' });
      else finish({ kind: 'network', code: err.code ?? 'ERROR' });
    });
    req.end(payload);
  });
}
