import { isIP } from 'node:net';

/**
 * Which IP addresses a notification may never be sent to: everything that is not a public
 * unicast address. A target's host is resolved first and every address it resolves to is
 * checked here (server-side request forgery: a webhook URL is owner input, and one pointing at
 * 127.0.0.1, the VPC or the cloud metadata service would make the signer a proxy into them).
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that
 * IPv4 address.
 */
export type BlockReason =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'unique-local'
  | 'not-an-ip';

type Rule4 = [base: string, prefix: number, reason: BlockReason];
type Rule6 = [base: string, prefix: number, reason: BlockReason];

// Order matters only for the reason shown: the narrower, more telling rule comes first.
const V4_RULES: Rule4[] = [
  ['169.254.169.254', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'], // carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const V6_RULES: Rule6[] = [
  ['fd00:ec2::254', 128, 'metadata'], // AWS's IPv6 metadata address
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 23, 'reserved'], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32, 'documentation'],
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'reserved'], // segment routing SIDs
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'link-local'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
];

function v4Bytes(ip: string): number[] {
  return ip.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (with `::` and a trailing dotted quad handled). */
function v6Bytes(ip: string): number[] {
  let text = ip.split('%')[0]!.toLowerCase();
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
  const groups = (s: string | undefined | null) => (s ? s.split(':') : []);
  const left = groups(head);
  const right = groups(rest);
  const middle = rest === null ? [] : Array(8 - left.length - right.length).fill('0');
  const words = [...left, ...middle, ...right].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inPrefix(bytes: number[], base: number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const take = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    const i = bit / 8;
    if ((bytes[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

const RULES4 = V4_RULES.map(([base, prefix, reason]) => ({ base: v4Bytes(base), prefix, reason }));
const RULES6 = V6_RULES.map(([base, prefix, reason]) => ({ base: v6Bytes(base), prefix, reason }));

function v4Reason(bytes: number[]): BlockReason | null {
  for (const rule of RULES4) if (inPrefix(bytes, rule.base, rule.prefix)) return rule.reason;
  return null;
}

/** IPv4 address carried inside an IPv6 one, where the prefix says so. */
function embeddedV4(bytes: number[]): number[] | null {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated)
  if (zeros(0, 10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || zeros(10, 12))) {
    return bytes.slice(12);
  }
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix)
  if (inPrefix(bytes, v6Bytes('64:ff9b::'), 96)) return bytes.slice(12);
  // 2002:aabb:ccdd::/48 (6to4)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

/** Why `ip` must not be contacted, or null for a public unicast address. */
export function blockReason(ip: string): BlockReason | null {
  const family = isIP(ip.split('%')[0]!);
  if (family === 4) return v4Reason(v4Bytes(ip));
  if (family !== 6) return 'not-an-ip';
  const bytes = v6Bytes(ip);
  for (const rule of RULES6) if (inPrefix(bytes, rule.base, rule.prefix)) return rule.reason;
  const v4 = embeddedV4(bytes);
  return v4 ? v4Reason(v4) : null;
}
