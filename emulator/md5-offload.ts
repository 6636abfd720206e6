import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * MD5 of a request body, computed on a worker thread while the emulator's main thread reads
 * the socket, computes the CRC-64 and writes the file. MD5 is the largest single cost of taking
 * a body in (about 0.8 s of CPU per 512 MiB here: OpenSSL, one byte stream, no shortcut) and it
 * is needed for the ETag and the Content-MD5 check, so it runs beside the rest instead of
 * after it. Bytes are copied into 1 MiB batches that are handed over (transferred, not copied
 * again) and come back for reuse. One worker serves every upload; where it cannot start, the
 * hash runs on the main thread as before.
 *
 * It costs CPU in total (measured: 512 MiB in one PUT 1.37 s instead of 1.76 s, but 2.2 s of
 * CPU instead of 1.8; as 64 parts of 8 MiB, no faster and 0.7 s more CPU), so only large bodies
 * take it: the many small or parallel ones, where the main thread is not the only thing
 * working, hash where they are.
 */

const BATCH_BYTES = 1024 * 1024;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (m) => {
  if (m.type === 'data') {
    let hash = jobs.get(m.id);
    if (!hash) jobs.set(m.id, (hash = createHash('md5')));
    hash.update(new Uint8Array(m.buffer, 0, m.length));
    parentPort.postMessage({ type: 'ack', id: m.id, buffer: m.buffer, length: m.length }, [m.buffer]);
  } else if (m.type === 'end') {
    const digest = (jobs.get(m.id) || createHash('md5')).digest();
    jobs.delete(m.id);
    parentPort.postMessage({ type: 'digest', id: m.id, digest: Array.from(digest) });
  } else if (m.type === 'abort') {
    jobs.delete(m.id);
  }
});
`;

type FromWorker =
  | { type: 'ack'; id: number; buffer: ArrayBuffer; length: number }
  | { type: 'digest'; id: number; digest: number[] };

interface Listener {
  acked(length: number, buffer: ArrayBuffer): void;
  digest(digest: Buffer): void;
  failed(error: Error): void;
}

let worker: Worker | null | undefined;
let nextId = 1;
const listeners = new Map<number, Listener>();

function sharedWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    w.on('message', (m: FromWorker) => {
      const l = listeners.get(m.id);
      if (!l) return;
      if (m.type === 'ack') l.acked(m.length, m.buffer);
      else {
        listeners.delete(m.id);
        l.digest(Buffer.from(m.digest));
      }
    });
    const fail = (error: Error) => {
      worker = null; // later uploads hash on the main thread
      for (const [id, l] of listeners) {
        listeners.delete(id);
        l.failed(error);
      }
    };
    w.on('error', fail);
    w.on('exit', () => fail(new Error('the MD5 worker stopped')));
    worker = w;
  } catch {
    worker = null;
  }
  return worker;
}

export interface Md5Job {
  update(chunk: Buffer): void;
  /** Bytes handed over and not hashed yet (the caller pauses reading when this grows). */
  readonly outstanding: number;
  digest(): Promise<Buffer>;
  abort(): void;
}

/**
 * An MD5 in progress; on the worker when `offload`, else on this thread. `onProgress` is called
 * whenever the worker catches up a batch.
 */
export function createMd5Job(offload: boolean, onProgress: () => void = () => {}): Md5Job {
  const w = offload ? sharedWorker() : null;
  if (!w) return inlineJob();
  const id = nextId++;
  const spare: ArrayBuffer[] = [];
  let batch = new Uint8Array(BATCH_BYTES);
  let filled = 0;
  let outstanding = 0;
  let failure: Error | null = null;
  let settle: { resolve(d: Buffer): void; reject(e: Error): void } | null = null;
  listeners.set(id, {
    acked(length, buffer) {
      outstanding -= length;
      spare.push(buffer);
      onProgress();
    },
    digest(d) {
      settle?.resolve(d);
    },
    failed(error) {
      failure = error;
      settle?.reject(error);
      onProgress();
    },
  });
  const flush = () => {
    if (filled === 0 || failure) return;
    const buffer = batch.buffer as ArrayBuffer;
    w.postMessage({ type: 'data', id, buffer, length: filled }, [buffer]);
    outstanding += filled;
    const reuse = spare.pop();
    batch = reuse ? new Uint8Array(reuse) : new Uint8Array(BATCH_BYTES);
    filled = 0;
  };
  return {
    update(chunk) {
      for (let at = 0; at < chunk.length;) {
        const n = Math.min(chunk.length - at, BATCH_BYTES - filled);
        batch.set(chunk.subarray(at, at + n), filled);
        filled += n;
        at += n;
        if (filled === BATCH_BYTES) flush();
      }
    },
    get outstanding() {
      return outstanding;
    },
    digest() {
      flush();
      return new Promise<Buffer>((resolve, reject) => {
        if (failure) return reject(failure);
        settle = { resolve, reject };
        w.postMessage({ type: 'end', id });
      });
    },
    abort() {
      listeners.delete(id);
      w.postMessage({ type: 'abort', id });
    },
  };
}

function inlineJob(): Md5Job {
  const hash: Hash = createHash('md5');
  return {
    update: (chunk) => void hash.update(chunk),
    outstanding: 0,
    digest: () => Promise.resolve(hash.digest()),
    abort: () => {},
  };
}
