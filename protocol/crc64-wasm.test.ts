import { describe, expect, it } from 'vitest';
import { Crc64Xz, crc64, crc64Combine } from './crc64';
import { Crc64Wasm, createCrc64, crc64Fast, crc64WasmAvailable } from './crc64-wasm';

const text = (s: string) => new TextEncoder().encode(s);

// The definition, one bit at a time, in BigInt: the reference both implementations answer to.
const POLY = 0xc96c5795d7870f42n;
const ALL_ONES = (1n << 64n) - 1n;
function bitwise(bytes: Uint8Array): string {
  let crc = ALL_ONES;
  for (const byte of bytes) {
    crc ^= BigInt(byte);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ POLY : crc >> 1n;
  }
  return (crc ^ ALL_ONES).toString();
}

/** Deterministic bytes that are not a short repeating pattern. */
function noise(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('CRC-64 in WebAssembly', () => {
  it('runs here (Node 20): the tests below exercise the module, not the fallback', () => {
    expect(crc64WasmAvailable()).toBe(true);
    expect(createCrc64()).toBeInstanceOf(Crc64Wasm);
  });

  it.each([
    ['', '0'],
    ['123456789', '11051210869376104954'],
    ['hello world', '5981764153023615706'],
  ])('%j → %s (COS check values)', (input, expected) => {
    expect(crc64Fast(text(input))).toBe(expected);
  });

  it('1 MiB + 123 bytes of "1", and 1024 bytes of 0x07 (COS check values)', () => {
    expect(crc64Fast(new Uint8Array(1024 * 1024 + 123).fill(0x31))).toBe('5237785474210610777');
    expect(crc64Fast(new Uint8Array(1024).fill(7))).toBe('4032296071926164436');
  });

  it('agrees with the bit-by-bit definition at every alignment and every length up to 80', () => {
    const data = noise(200, 7);
    for (let offset = 0; offset < 16; offset++) {
      for (let length = 0; length <= 80; length++) {
        const view = data.subarray(offset, offset + length);
        expect(crc64Fast(view), `offset ${offset}, length ${length}`).toBe(bitwise(view));
      }
    }
  });

  it('agrees with the JavaScript reference on large buffers, across its 1 MiB scratch area', () => {
    const data = noise(3 * 1024 * 1024 + 77, 3);
    for (const [offset, length] of [
      [0, data.length],
      [3, 1024 * 1024],
      [5, 1024 * 1024 + 1],
      [9, 2 * 1024 * 1024 + 15],
    ] as const) {
      const view = data.subarray(offset, offset + length);
      expect(crc64Fast(view), `offset ${offset}, length ${length}`).toBe(
        new Crc64Xz().update(view).digest(),
      );
    }
  });

  it('gives the same value for any chunking, and hashers do not share state', () => {
    const data = noise(50_003, 11);
    const whole = crc64(data);
    const a = createCrc64();
    const b = createCrc64();
    const sizes = [1, 15, 16, 17, 4096, 3, 1000, 65_536];
    for (let i = 0, k = 0; i < data.length; k++) {
      const step = sizes[k % sizes.length]!;
      a.update(data.subarray(i, i + step));
      b.update(data.subarray(0, 1)); // interleaved: a must not see these
      i += step;
    }
    expect(a.digest()).toBe(whole);
    expect(b.digest()).not.toBe(whole);
  });

  it('combines with crc64Combine exactly as the reference does', () => {
    const all = noise(70_001, 5);
    for (const cut of [0, 1, 15, 16, 4097, 70_000, 70_001]) {
      const head = all.subarray(0, cut);
      const tail = all.subarray(cut);
      expect(crc64Combine(crc64Fast(head), crc64Fast(tail), tail.length), `cut ${cut}`).toBe(
        crc64(all),
      );
    }
  });
});
