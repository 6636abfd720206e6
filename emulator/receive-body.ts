import { createHash, randomUUID } from 'node:crypto';
import { open, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Crc64Xz } from '../protocol/crc64';
import { ConnectionGone, CosError } from './cos-error';

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
 * Streams a request body into a temp file while computing MD5 and CRC-64, never holding the
 * body in memory. The temp file is removed on every failure, so a failed upload leaves nothing.
 * Reading pauses the request while each chunk is written, which is also how the bandwidth
 * fault throttles: TCP backpressure slows the sender down.
 */
export async function receiveBody(opts: ReceiveBodyOptions): Promise<ReceivedBody> {
  const { req } = opts;
  const tmpPath = path.join(opts.tmpDir, `${randomUUID()}.upload`);
  const fh = await open(tmpPath, 'w');
  const md5 = createHash('md5');
  const crc = new Crc64Xz();
  const startedAt = performance.now();
  let received = 0;

  return new Promise<ReceivedBody>((resolve, reject) => {
    let settled = false;
    let ended = false;
    let timer: NodeJS.Timeout | undefined;

    const detach = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onGone);
      req.off('error', onGone);
      req.off('close', onClose);
      if (timer) clearInterval(timer);
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      detach();
      req.pause();
      void fh
        .close()
        .catch(() => undefined)
        .then(() => unlink(tmpPath).catch(() => undefined))
        .then(() => reject(err));
    };

    const handleChunk = async (chunk: Buffer): Promise<void> => {
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
      await fh.write(chunk);
      opts.onBytes?.(chunk.length);
      const rate = opts.bandwidthBytesPerSec;
      if (rate && rate > 0) {
        const due = startedAt + (received / rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    };

    // The chunk being written (and throttled). 'end' can be emitted while it is still pending,
    // because the stream has nothing left to deliver; finishing must wait for it.
    let inFlight: Promise<void> = Promise.resolve();
    const onData = (chunk: Buffer): void => {
      req.pause();
      inFlight = handleChunk(chunk).then(
        () => {
          if (!settled) req.resume();
        },
        (err: unknown) => fail(err),
      );
    };
    const onEnd = (): void => {
      ended = true;
      void inFlight.then(finish);
    };
    const finish = (): void => {
      if (settled) return;
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
      const digest = md5.digest();
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
