/**
 * Random bytes drawn from the system 4 KiB at a time. Ids and request ids are made per request;
 * one `getRandomValues` per id was a system call each, which profiling showed as a visible share
 * of a busy server's time (the signer's object ids, the emulator's request ids). The pool makes
 * it one call per few hundred ids; the bytes are as random as the system's.
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** `n` fresh random bytes (n ≤ 4096), in a new array that shares no memory with the pool. */
export function pooledRandomBytes(n: number): Uint8Array {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} bytes at a time`);
  if (used + n > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  used += n;
  return pool.slice(used - n, used);
}
