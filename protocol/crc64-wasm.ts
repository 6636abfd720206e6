/**
 * CRC-64/XZ in WebAssembly (protocol/crc64.wat, slicing-by-16 on 64-bit registers): several
 * times faster than the JavaScript of protocol/crc64.ts, which stays the reference it is
 * tested against and the fallback where WebAssembly cannot run (no support, or a page whose
 * Content-Security-Policy does not allow it).
 *
 * No library had it fast enough: hash-wasm's CRC-64 (right parameters) hashes a byte at a
 * time (about 400 MB/s here), Tencent's crc64-ecma182.js is an Emscripten build slower still.
 */
import { Crc64Xz } from './crc64';
import { CRC64_WASM_BASE64 } from './crc64-wasm-bytes';

interface Crc64Exports {
  memory: WebAssembly.Memory;
  /** Register in, register out (init all ones, not yet complemented). */
  update(register: bigint, pointer: number, length: number): bigint;
}

/** Where the module's scratch area starts and how large it is (see crc64.wat). */
const SCRATCH = 65536;
const SCRATCH_BYTES = 1024 * 1024;

let loaded: { exports: Crc64Exports; scratch: Uint8Array } | null | undefined;

function load(): typeof loaded {
  if (loaded !== undefined) return loaded;
  try {
    const bytes = Uint8Array.from(atob(CRC64_WASM_BASE64), (c) => c.charCodeAt(0));
    // Compiled synchronously: at 613 bytes it is far under the 4 KB a browser's main thread
    // allows, and hashing can start without waiting for a promise.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    const exports = instance.exports as unknown as Crc64Exports;
    // The module never grows its memory, so this view stays valid.
    const scratch = new Uint8Array(exports.memory.buffer, SCRATCH, SCRATCH_BYTES);
    loaded = { exports, scratch };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** True where the WebAssembly module compiles and runs. */
export function crc64WasmAvailable(): boolean {
  return load() !== null;
}

/** What both implementations offer: incremental update, the checksum as COS prints it. */
export interface Crc64Hasher {
  update(data: Uint8Array): this;
  /** Unsigned decimal, as `x-cos-hash-crc64ecma`. Does not reset the state. */
  digest(): string;
}

/** Incremental CRC-64/XZ in WebAssembly. Any number may run at once (the state is here). */
export class Crc64Wasm implements Crc64Hasher {
  private register = -1n;

  constructor(private readonly wasm: NonNullable<typeof loaded>) {}

  update(data: Uint8Array): this {
    const { exports, scratch } = this.wasm;
    for (let offset = 0; offset < data.length; offset += SCRATCH_BYTES) {
      const length = Math.min(SCRATCH_BYTES, data.length - offset);
      scratch.set(length === data.length ? data : data.subarray(offset, offset + length));
      this.register = exports.update(this.register, SCRATCH, length);
    }
    return this;
  }

  digest(): string {
    return BigInt.asUintN(64, ~this.register).toString();
  }
}

/** The WebAssembly hasher where it runs, else the JavaScript one (same results). */
export function createCrc64(): Crc64Hasher {
  const wasm = load();
  return wasm ? new Crc64Wasm(wasm) : new Crc64Xz();
}

/** CRC-64/XZ of one buffer, as an unsigned decimal string. */
export function crc64Fast(data: Uint8Array): string {
  return createCrc64().update(data).digest();
}
