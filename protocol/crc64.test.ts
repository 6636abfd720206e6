import { describe, expect, it } from 'vitest';
import { Crc64Xz, crc64, crc64Combine } from './crc64';

const text = (s: string) => new TextEncoder().encode(s);

// Check values from the COS reference (cos-reference.md §7), verified there with Tencent's
// own crcmod parameters and other independent implementations.
describe('crc64 (CRC-64/XZ as COS prints it)', () => {
  it.each([
    ['', '0'],
    ['123456789', '11051210869376104954'],
    ['hello world', '5981764153023615706'],
  ])('%j → %s', (input, expected) => {
    expect(crc64(text(input))).toBe(expected);
  });

  it('1 MiB + 123 bytes of "1"', () => {
    expect(crc64(new Uint8Array(1024 * 1024 + 123).fill(0x31))).toBe('5237785474210610777');
  });

  it('1024 bytes of 0x07', () => {
    expect(crc64(new Uint8Array(1024).fill(7))).toBe('4032296071926164436');
  });

  it('gives the same value for any chunking', () => {
    const data = new Uint8Array(10_007);
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
    const whole = crc64(data);
    for (const step of [1, 3, 8, 13, 4096]) {
      const c = new Crc64Xz();
      for (let i = 0; i < data.length; i += step) c.update(data.subarray(i, i + step));
      expect(c.digest()).toBe(whole);
    }
  });

  it('agrees with a plain bit-by-bit CRC at every alignment and length (the word path)', () => {
    // Reference: the definition, one bit at a time, in BigInt.
    const POLY = 0xc96c5795d7870f42n;
    const reference = (bytes: Uint8Array) => {
      let crc = (1n << 64n) - 1n;
      for (const byte of bytes) {
        crc ^= BigInt(byte);
        for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
      }
      return (crc ^ ((1n << 64n) - 1n)).toString();
    };
    const data = new Uint8Array(300);
    for (let i = 0; i < data.length; i++) data[i] = (i * 197 + 13) & 0xff;
    for (const offset of [0, 1, 2, 3, 5]) {
      for (const length of [0, 7, 15, 16, 17, 24, 31, 100, 295]) {
        const view = data.subarray(offset, offset + length);
        expect(crc64(view), `offset ${offset}, length ${length}`).toBe(reference(view));
      }
    }
  });

  it('combines the CRCs of two parts into the CRC of the whole', () => {
    const a = text('1234');
    const b = text('56789');
    expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe('11051210869376104954');
    expect(crc64Combine(crc64(a), crc64(new Uint8Array(0)), 0)).toBe(crc64(a));
    const big = new Uint8Array(70_000).fill(0x5a);
    const tail = new Uint8Array(3_333).fill(0x11);
    const all = new Uint8Array(big.length + tail.length);
    all.set(big);
    all.set(tail, big.length);
    expect(crc64Combine(crc64(big), crc64(tail), tail.length)).toBe(crc64(all));
  });
});

describe('crc64Combine', () => {
  // zlib's older method (GF(2) matrix squaring, as this file had it): an independent derivation.
  function matrixCombine(crcA: string, crcB: string, lenB: number): string {
    if (lenB === 0) return crcA;
    const gf2Times = (mat: bigint[], vec: bigint): bigint => {
      let sum = 0n;
      for (let i = 0; vec; i++, vec >>= 1n) if (vec & 1n) sum ^= mat[i]!;
      return sum;
    };
    const gf2Square = (mat: bigint[]): bigint[] => mat.map((_, n) => gf2Times(mat, mat[n]!));
    let odd: bigint[] = [0xc96c5795d7870f42n];
    for (let n = 1, row = 1n; n < 64; n++, row <<= 1n) odd.push(row);
    let even = gf2Square(odd);
    odd = gf2Square(even);
    let a = BigInt(crcA);
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
    return (a ^ BigInt(crcB)).toString();
  }

  it('agrees with the matrix method for lengths up to COS’s 5 GB object limit', () => {
    const crcs = ['0', '1', '11051210869376104954', '18446744073709551615', '5981764153023615706'];
    const lengths = [
      1,
      2,
      3,
      7,
      8,
      1023,
      1024 * 1024,
      8 * 1024 * 1024 + 5,
      5 * 1024 ** 3,
      2 ** 40 + 12_345,
    ];
    for (const a of crcs)
      for (const b of crcs.slice(0, 3))
        for (const len of lengths)
          expect(crc64Combine(a, b, len), `${a}, ${b}, ${len}`).toBe(matrixCombine(a, b, len));
  });

  it('folds many parts in sequence into the CRC of the whole', () => {
    const data = new Uint8Array(100_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
    let combined: string | null = null;
    for (let at = 0; at < data.length; at += 9_999) {
      const part = data.subarray(at, at + 9_999);
      combined = combined === null ? crc64(part) : crc64Combine(combined, crc64(part), part.length);
    }
    expect(combined).toBe(crc64(data));
  });
});
