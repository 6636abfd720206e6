import { createHash, randomUUID } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { createCrc64 } from '../protocol/crc64-wasm';
import { ConnectionGone, CosError } from './cos-error';
import { createMd5Job } from './md5-offload';
import { parseContentMd5 } from './object-headers';

export interface ReceiveBodyOptions {
  req: IncomingMessage;
  tmpDir: string;
  /** Declared Content-Length, or undefined for a chunked body. */
  declaredLength: number | undefined;
  /** Largest body accepted (5 GB for PUT Object and UploadPart). */
  maxBytes: number;
  /** Binary MD5 from Content-MD5, checked once the body is complete. */
  expectedMd5?: Buffer;
  /** Fault: destroy the socket once this many body bytes have arrived. */
  dropAfterBytes?: number;
  /** Called when the drop fault fires, before the socket is destroyed. */
  onDrop?: () => void;
  /** Fault: read the body no faster than this. */
  bandwidthBytesPerSec?: number;
  /** Polled while the body arrives; an error it returns aborts the transfer (expiry mode). */
  interruptCheck?: () => CosError | undefined;
  onBytes?: (count: number) => void;
}

export interface ReceivedBody {
  /** Temp file holding exactly the body; the caller renames it into place or deletes it. */
  path: string;
  size: number;
  md5: Buffer;
  crc64: string;
}

const INTERRUPT_POLL_MS = 100;
/**
 * Bytes hashed but not yet on disk before reading pauses (TCP backpressure then slows the
 * sender), and the level at which it resumes. What waits goes out in `writev`s of about 1 MiB,
 * so a fast sender costs a few large writes instead of one per 64 KiB socket chunk, and the
 * socket is not stopped and restarted for each of them.
 */
const MAX_UNWRITTEN = 8 * 1024 * 1024;
const RESUME_BELOW = 2 * 1024 * 1024;
/**
 * Bytes per `writev`. Measured writing 512 MiB of 64 KiB chunks to ext4: 1 MiB a call took
 * 0.4–0.55 s (0.18 s CPU), one awaited write per chunk 0.5–0.64 s (0.4 s CPU), and 8 MiB a
 * call 2.4–2.7 s (1 s CPU).
 */
const WRITE_BYTES = 1024 * 1024;
/** Bodies from this size hash MD5 on a worker thread (see md5-offload.ts for why not all). */
const OFFLOAD_MD5_FROM_BYTES = 32 * 1024 * 1024;

/**
 * Streams a request body into a temp file while computing MD5 (on a worker thread) and CRC-64,
 * never holding more than a few MiB of it in memory. The temp file is removed on every failure, so a failed
 * upload leaves nothing. The bandwidth fault throttles by pausing the request until the bytes
 * read so far are due: TCP backpressure slows the sender down.
 */
export async function receiveBody(opts: ReceiveBodyOptions): Promise<ReceivedBody> {
  const { req } = opts;
  const tmpPath = path.join(opts.tmpDir, `${randomUUID()}.upload`);
  const fh = await open(tmpPath, 'w');
  const crc = createCrc64();
  const startedAt = performance.now();
  let received = 0;

  return new Promise<ReceivedBody>((resolve, reject) => {
    let settled = false;
    let ended = false;
    let timer: NodeJS.Timeout | undefined;
    /** Hashed, waiting to be written, in order. */
    let unwritten: Buffer[] = [];
    let unwrittenBytes = 0;
    /** The write in progress, if any (it and everything in `unwritten` precede the end). */
    let writing: Promise<void> | null = null;
    let paused = false;
    /** The bandwidth fault holds reading until then (performance.now() ms). */
    let throttledUntil = 0;
    let throttleTimer: NodeJS.Timeout | undefined;
    /** For a large body on a worker thread, beside the socket, the CRC and the file. */
    const md5 = createMd5Job((opts.declaredLength ?? 0) >= OFFLOAD_MD5_FROM_BYTES, () =>
      resumeIfFree(),
    );
    let finishing = false;

    const detach = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onGone);
      req.off('error', onGone);
      req.off('close', onClose);
      if (timer) clearInterval(timer);
      if (throttleTimer) clearTimeout(throttleTimer);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      detach();
      req.pause();
      md5.abort();
      unwritten = [];
      // A pending write keeps the handle open until it is done; close waits for it.
      void fh
        .close()
        .catch(() => undefined)
        .then(() => unlink(tmpPath).catch(() => undefined))
        .then(() => reject(err));
    };

    const pause = (): void => {
      if (paused) return;
      paused = true;
      req.pause();
    };
    const resumeIfFree = (): void => {
      if (!paused || settled || unwrittenBytes > RESUME_BELOW || md5.outstanding > RESUME_BELOW)
        return;
      const wait = throttledUntil - performance.now();
      if (wait > 0) {
        // Timers run on whole milliseconds and may come a fraction early: wait again.
        if (throttleTimer) clearTimeout(throttleTimer);
        throttleTimer = setTimeout(resumeIfFree, Math.ceil(wait));
        return;
      }
      paused = false;
      req.resume();
    };

    /** Writes whatever is waiting, one `writev` at a time, until nothing is; then finishes if the body ended. */
    const writeAll = async (): Promise<void> => {
      while (unwritten.length > 0 && !settled) {
        let count = 0;
        let bytes = 0;
        while (count < unwritten.length && bytes < WRITE_BYTES) bytes += unwritten[count++]!.length;
        const batch = unwritten.splice(0, count);
        unwrittenBytes -= bytes;
        // Reading goes on while this batch is written.
        resumeIfFree();
        await fh.writev(batch);
        opts.onBytes?.(bytes);
      }
    };
    const kickWriter = (): void => {
      if (writing || settled) return;
      writing = writeAll().then(
        () => {
          writing = null;
          if (settled) return;
          if (unwritten.length > 0) kickWriter();
          else if (ended) finish();
          else resumeIfFree();
        },
        (err: unknown) => {
          writing = null;
          fail(err);
        },
      );
    };

    const onData = (chunk: Buffer): void => {
      if (settled) return;
      if (opts.dropAfterBytes !== undefined && received + chunk.length >= opts.dropAfterBytes) {
        opts.onDrop?.();
        fail(
          new ConnectionGone(
            `fault: connection dropped after ${opts.dropAfterBytes} bytes`,
            'drop',
          ),
        );
        req.socket.destroy();
        return;
      }
      received += chunk.length;
      if (received > opts.maxBytes) {
        fail(
          new CosError(
            400,
            'EntityTooLarge',
            'Your proposed upload exceeds the maximum allowed object size.',
          ),
        );
        return;
      }
      if (opts.declaredLength !== undefined && received > opts.declaredLength) {
        // The HTTP parser never delivers more than Content-Length; this guards the invariant.
        fail(new CosError(400, 'EntitySizeNotMatch', 'The body is longer than Content-Length.'));
        return;
      }
      md5.update(chunk);
      crc.update(chunk);
      unwritten.push(chunk);
      unwrittenBytes += chunk.length;
      if (unwrittenBytes >= MAX_UNWRITTEN || md5.outstanding >= MAX_UNWRITTEN) pause();
      const rate = opts.bandwidthBytesPerSec;
      if (rate && rate > 0) {
        const due = startedAt + (received / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) {
          throttledUntil = due;
          pause();
          resumeIfFree();
        }
      }
      kickWriter();
    };
    const onEnd = (): void => {
      ended = true;
      // 'end' can come while bytes are still being written: finish once they are.
      if (!writing && unwritten.length === 0) finish();
      else kickWriter();
    };
    const finish = (): void => {
      if (settled || finishing) return;
      // The bandwidth fault holds the answer too until the last bytes were due.
      const wait = throttledUntil - performance.now();
      if (wait > 0) {
        if (throttleTimer) clearTimeout(throttleTimer);
        throttleTimer = setTimeout(finish, Math.ceil(wait));
        return;
      }
      if (opts.declaredLength !== undefined && received !== opts.declaredLength) {
        fail(
          new CosError(
            400,
            'IncompleteBody',
            'You did not provide the number of bytes specified by the Content-Length HTTP header.',
          ),
        );
        return;
      }
      finishing = true;
      md5.digest().then((digest) => {
        if (settled) return;
        if (opts.expectedMd5 && !digest.equals(opts.expectedMd5)) {
          fail(
            new CosError(
              400,
              'BadDigest',
              'The Content-MD5 you specified did not match what we received.',
            ),
          );
          return;
        }
        settled = true;
        detach();
        fh.close().then(
          () => resolve({ path: tmpPath, size: received, md5: digest, crc64: crc.digest() }),
          (err: unknown) => {
            void unlink(tmpPath).catch(() => undefined);
            reject(err);
          },
        );
      }, fail);
    };
    const onGone = (): void => fail(new ConnectionGone('client closed the connection mid-body'));
    const onClose = (): void => {
      if (!ended) onGone();
    };

    if (opts.interruptCheck) {
      const check = opts.interruptCheck;
      timer = setInterval(() => {
        const err = check();
        if (err) fail(err);
      }, INTERRUPT_POLL_MS);
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onGone);
    req.on('error', onGone);
    req.on('close', onClose);
    req.resume();
  });
}

/**
 * Reads a small body (XML documents) fully, refusing more than `maxBytes`. Event-based rather
 * than `for await`, because leaving an async iterator early destroys the socket, and the
 * caller still has to answer.
 */
export function readSmallBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    const detach = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onGone);
      req.off('error', onGone);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        detach();
        req.pause();
        reject(new CosError(400, 'EntityTooLarge', `The request body exceeds ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      ended = true;
      detach();
      resolve(Buffer.concat(chunks));
    };
    const onGone = (): void => {
      detach();
      reject(new ConnectionGone('client closed the connection mid-body'));
    };
    const onClose = (): void => {
      if (!ended) onGone();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onGone);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}

/**
 * A small XML document (bucket configuration, the part list of a completion), checked against
 * its Content-MD5 when one was sent (the SDK sends one), as COS checks it.
 */
export async function readCheckedSmallBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer> {
  const expectedMd5 = parseContentMd5(req.headers);
  const body = await readSmallBody(req, maxBytes);
  if (expectedMd5 && !createHash('md5').update(body).digest().equals(expectedMd5)) {
    throw new CosError(
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    );
  }
  return body;
}
