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
