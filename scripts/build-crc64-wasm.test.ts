import { describe, expect, it } from 'vitest';
import { CRC64_WASM_BASE64 } from '../protocol/crc64-wasm-bytes';
import { assembleCrc64Wasm } from './build-crc64-wasm';

describe('the committed CRC-64 WebAssembly module', () => {
  it('is exactly what protocol/crc64.wat assembles to (else run scripts/build-crc64-wasm.ts)', async () => {
    const built = Buffer.from(await assembleCrc64Wasm()).toString('base64');
    expect(CRC64_WASM_BASE64).toBe(built);
  });
});
