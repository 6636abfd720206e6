/**
 * CRC-64/XZ, the checksum COS reports as `x-cos-hash-crc64ecma` (ECMA-182 polynomial,
 * reflected, init and xorout all ones), printed as an unsigned decimal string.
 *
 * Pure TypeScript so the browser worker, the emulator and the tests share one definition.
 * 64-bit values are kept as two uint32 halves (BigInt per byte would be ~100x slower), and the
 * update loop uses slicing-by-8 tables so hashing never becomes the upload's bottleneck.
 */

const POLY_HI = 0xc96c5795; // reflected 0x42F0E1EBA9EA3693
const POLY_LO = 0xd7870f42;

function makeTables(): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(8 * 256);
  const lo = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let h = 0;
    let l = n;
    for (let k = 0; k < 8; k++) {
      const carry = l & 1;
      l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
      h = h >>> 1;
      if (carry) {
        h = (h ^ POLY_HI) >>> 0;
        l = (l ^ POLY_LO) >>> 0;
      }
    }
    hi[n] = h;
    lo[n] = l;
  }
  // Table t[k][n] = CRC of byte n followed by k zero bytes, for slicing-by-8.
  for (let t = 1; t < 8; t++) {
    for (let n = 0; n < 256; n++) {
      const ph = hi[(t - 1) * 256 + n]!;
      const pl = lo[(t - 1) * 256 + n]!;
      const idx = pl & 0xff;
      hi[t * 256 + n] = (hi[idx]! ^ (ph >>> 8)) >>> 0;
      lo[t * 256 + n] = (lo[idx]! ^ ((pl >>> 8) | (ph << 24))) >>> 0;
    }
  }
  return { hi, lo };
}

let tables: { hi: Uint32Array; lo: Uint32Array } | undefined;

/** Incremental CRC-64/XZ. `update` may be called with any chunking; the result is the same. */
export class Crc64Xz {
  // Register state (pre-xorout), as two uint32 halves.
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(data: Uint8Array): this {
    const t = (tables ??= makeTables());
    const TH = t.hi;
    const TL = t.lo;
    let hi = this.hi;
    let lo = this.lo;
    let i = 0;
    const len = data.length;
    const end8 = len - (len % 8);
    while (i < end8) {
      const l =
        (lo ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
      const h =
        (hi ^
          (data[i + 4]! | (data[i + 5]! << 8) | (data[i + 6]! << 16) | (data[i + 7]! << 24))) >>>
        0;
      const a = 7 * 256 + (l & 0xff);
      const b = 6 * 256 + ((l >>> 8) & 0xff);
      const c = 5 * 256 + ((l >>> 16) & 0xff);
      const d = 4 * 256 + (l >>> 24);
      const e = 3 * 256 + (h & 0xff);
      const f = 2 * 256 + ((h >>> 8) & 0xff);
      const g = 1 * 256 + ((h >>> 16) & 0xff);
      const k = h >>> 24;
      hi = (TH[a]! ^ TH[b]! ^ TH[c]! ^ TH[d]! ^ TH[e]! ^ TH[f]! ^ TH[g]! ^ TH[k]!) >>> 0;
      lo = (TL[a]! ^ TL[b]! ^ TL[c]! ^ TL[d]! ^ TL[e]! ^ TL[f]! ^ TL[g]! ^ TL[k]!) >>> 0;
      i += 8;
    }
    for (; i < len; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = (TL[idx]! ^ ((lo >>> 8) | (hi << 24))) >>> 0;
      hi = (TH[idx]! ^ (hi >>> 8)) >>> 0;
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** The checksum so far as COS prints it (unsigned decimal). Does not reset the state. */
  digest(): string {
    const hi = (this.hi ^ 0xffffffff) >>> 0;
    const lo = (this.lo ^ 0xffffffff) >>> 0;
    return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
  }
}

/** CRC-64/XZ of one buffer, as an unsigned decimal string. */
export function crc64(data: Uint8Array): string {
  return new Crc64Xz().update(data).digest();
}

/**
 * CRC of the concatenation A‖B from crc(A), crc(B) and len(B) (zlib's crc_combine, in GF(2)).
 * COS derives a multipart object's CRC from its parts; the emulator does the same.
 */
export function crc64Combine(crcA: string, crcB: string, lenB: number): string {
  if (lenB === 0) return crcA;
  const MASK = (1n << 64n) - 1n;
  const gf2Times = (mat: bigint[], vec: bigint): bigint => {
    let sum = 0n;
    let i = 0;
    while (vec) {
      if (vec & 1n) sum ^= mat[i]!;
      vec >>= 1n;
      i++;
    }
    return sum;
  };
  const gf2Square = (mat: bigint[]): bigint[] => mat.map((_, n) => gf2Times(mat, mat[n]!));
  // Operator for one zero bit, then square to get two and four zero bits.
  let odd: bigint[] = [0xc96c5795d7870f42n];
  for (let n = 1, row = 1n; n < 64; n++, row <<= 1n) odd.push(row);
  let even = gf2Square(odd);
  odd = gf2Square(even);
  let a = BigInt(crcA);
  const b = BigInt(crcB);
  let len = BigInt(lenB);
  do {
    even = gf2Square(odd);
    if (len & 1n) a = gf2Times(even, a);
    len >>= 1n;
    if (!len) break;
    odd = gf2Square(even);
    if (len & 1n) a = gf2Times(odd, a);
    len >>= 1n;
  } while (len);
  return ((a ^ b) & MASK).toString();
}
