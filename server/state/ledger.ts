import { createHash } from 'node:crypto';
import type { StateStore } from './state-store';

/**
 * The completion ledger: one small object per verified upload, at
 * `ledger/<linkId>/<keyHash>.<size>`. The name is fixed by the upload (its object key and the
 * size signed into it), so writing it is idempotent: a repeated complete finds it already
 * there and nothing is counted twice. Usage is a listing, with no object read: files = number
 * of entries, bytes = sum of the sizes in their names.
 */
export interface LedgerEntry {
  key: string;
  size: number;
  crc64: string | null;
  /** When it was counted (ms since the epoch). */
  at: number;
  /** `complete`: the browser's complete call verified it; `found`: the object was found in the
   * bucket after its reservation ran out (uploaded, never completed). */
  via: 'complete' | 'found';
}

export interface Usage {
  files: number;
  bytes: number;
  /** Key hashes of every counted upload. */
  hashes: ReadonlySet<string>;
}

/** 128 bits of SHA-256 of the object key, base64url: stable, short, and safe as a name. */
export function uploadKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest().subarray(0, 16).toString('base64url');
}

export const ledgerDir = (linkId: string) => `ledger/${linkId}/`;

export function ledgerName(key: string, size: number): string {
  return `${uploadKeyHash(key)}.${size}`;
}

/** Counts an upload once. Returns false when it had been counted already. */
export function recordCompletion(
  store: StateStore,
  linkId: string,
  entry: LedgerEntry,
): Promise<boolean> {
  return store.put(ledgerDir(linkId) + ledgerName(entry.key, entry.size), entry, {
    ifAbsent: true,
  });
}

export async function readUsage(store: StateStore, linkId: string): Promise<Usage> {
  const hashes = new Set<string>();
  let bytes = 0;
  for (const { name } of await store.list(ledgerDir(linkId))) {
    const dot = name.lastIndexOf('.');
    const size = Number(name.slice(dot + 1));
    if (dot <= 0 || !Number.isSafeInteger(size)) continue;
    const hash = name.slice(0, dot);
    if (hashes.has(hash)) continue;
    hashes.add(hash);
    bytes += size;
  }
  return { files: hashes.size, bytes, hashes };
}
