/**
 * What landed, checked the way a bucket owner would: through the official SDK (list, pre-signed
 * GET), never through the emulator's disk. A run passes only if every file of the workload is
 * stored exactly once, with its size, with the CRC-64 COS reports equal to the source file's,
 * and with every byte equal to the source file's (streamed, compared chunk by chunk, so a
 * 2 GiB object is never held in memory). Anything else is a failed run, not a number.
 */
import http from 'node:http';
import { open } from 'node:fs/promises';
import COS from 'cos-nodejs-sdk-v5';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../emulator/dev-credentials';
import { pool } from './pool';
import type { BenchFile, Workload } from './workloads';

export interface CosTarget {
  /** The emulator's S3 endpoint, `http://127.0.0.1:PORT`. */
  url: string;
  bucket: string;
  region: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Objects found in the bucket. */
  objects: number;
  /** Files that matched byte for byte. */
  matched: number;
  problems: string[];
}

const MAX_PROBLEMS = 20;

function client(target: CosTarget): COS {
  return new COS({ SecretId: DEV_SECRET_ID, SecretKey: DEV_SECRET_KEY, Domain: target.url });
}

/** Where uploads land (the signer's UPLOAD_PREFIX, which the benchmark sets explicitly). */
export const UPLOAD_PREFIX = 'uploads/';

export async function listKeys(target: CosTarget, prefix = ''): Promise<string[]> {
  const cos = client(target);
  const keys: string[] = [];
  let marker = '';
  for (;;) {
    const page = await cos.getBucket({
      Bucket: target.bucket,
      Region: target.region,
      Prefix: prefix,
      Marker: marker,
      MaxKeys: 1000,
    });
    keys.push(...page.Contents.map((c) => c.Key));
    if (String(page.IsTruncated) !== 'true') break;
    marker = page.NextMarker || page.Contents.at(-1)?.Key || '';
    if (!marker) break;
  }
  return keys;
}

/**
 * Puts the bucket back as it was when the stack had started (`keep`: the keys present then),
 * so every run starts from the same bucket: uploads of earlier runs and whatever bookkeeping the
 * signer wrote for them (its completion ledger) go, and so do unfinished multipart uploads.
 */
export async function clearBucket(target: CosTarget, keep: ReadonlySet<string>): Promise<void> {
  const cos = client(target);
  const base = { Bucket: target.bucket, Region: target.region };
  const keys = (await listKeys(target)).filter((k) => !keep.has(k));
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    try {
      await cos.deleteMultipleObject({
        ...base,
        Objects: batch.map((Key) => ({ Key })),
        Quiet: true,
      });
    } catch {
      // An emulator without Multi-Object Delete: one DELETE per object.
      await pool(batch, 16, async (Key) => {
        await cos.deleteObject({ ...base, Key });
      });
    }
  }
  try {
    const uploads = await cos.multipartList({ ...base, Prefix: '', Delimiter: '' });
    for (const upload of uploads.Upload ?? []) {
      await cos.multipartAbort({ ...base, Key: upload.Key, UploadId: upload.UploadId });
    }
  } catch {
    // Nothing to abort, or listing uploads is not supported: leftovers only cost disk.
  }
  const left = (await listKeys(target)).filter((k) => !keep.has(k));
  if (left.length > 0) throw new Error(`could not clear the bucket: ${left.length} objects left`);
}

interface Fetched {
  size: number;
  crc64: string | null;
  fileName: string | null;
  /** null when the bytes matched; else where they did not. */
  mismatch: string | null;
}

/** GETs an object and compares it with `file` chunk by chunk as it streams in. */
function fetchAndCompare(url: string, expected: (name: string | null) => BenchFile | undefined) {
  return new Promise<Fetched>((resolve, reject) => {
    http
      .get(url, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET answered ${res.statusCode}`));
          return;
        }
        const rawName = res.headers['x-cos-meta-filename'];
        let fileName: string | null = null;
        try {
          fileName = typeof rawName === 'string' ? decodeURIComponent(rawName) : null;
        } catch {
          fileName = typeof rawName === 'string' ? rawName : null;
        }
        const crcHeader = res.headers['x-cos-hash-crc64ecma'];
        const file = expected(fileName);
        if (!file) {
          res.resume();
          res.on('end', () =>
            resolve({
              size: Number(res.headers['content-length'] ?? -1),
              crc64: typeof crcHeader === 'string' ? crcHeader : null,
              fileName,
              mismatch: 'no such source file',
            }),
          );
          return;
        }
        void (async () => {
          const handle = await open(file.path, 'r');
          let offset = 0;
          let mismatch: string | null = null;
          try {
            for await (const chunk of res as AsyncIterable<Buffer>) {
              if (mismatch) continue;
              if (offset + chunk.length > file.size) {
                mismatch = `longer than the source (${file.size} bytes)`;
                continue;
              }
              const source = Buffer.allocUnsafe(chunk.length);
              const { bytesRead } = await handle.read(source, 0, chunk.length, offset);
              if (bytesRead !== chunk.length || !source.equals(chunk)) {
                let at = 0;
                while (at < chunk.length && source[at] === chunk[at]) at++;
                mismatch = `bytes differ at offset ${offset + at}`;
              }
              offset += chunk.length;
            }
            if (!mismatch && offset !== file.size)
              mismatch = `${offset} bytes stored, ${file.size} expected`;
            resolve({
              size: offset,
              crc64: typeof crcHeader === 'string' ? crcHeader : null,
              fileName,
              mismatch,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          } finally {
            await handle.close();
          }
        })();
      })
      .on('error', reject);
  });
}

export async function verifyUploads(target: CosTarget, workload: Workload): Promise<VerifyResult> {
  const cos = client(target);
  const byName = new Map(workload.files.map((f) => [f.name, f]));
  const seen = new Map<string, number>();
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
    else if (problems.length === MAX_PROBLEMS) problems.push('…');
  };
  let matched = 0;
  // Only the upload prefix: the signer keeps its own state elsewhere in the bucket.
  const keys = await listKeys(target, UPLOAD_PREFIX);
  await pool(keys, 16, async (key) => {
    const url = cos.getObjectUrl({
      Bucket: target.bucket,
      Region: target.region,
      Key: key,
      Sign: true,
      Expires: 3600,
    });
    try {
      const got = await fetchAndCompare(url, (name) => (name ? byName.get(name) : undefined));
      const file = got.fileName ? byName.get(got.fileName) : undefined;
      if (!file) {
        problem(`unexpected object ${key} (x-cos-meta-filename ${JSON.stringify(got.fileName)})`);
        return;
      }
      seen.set(file.name, (seen.get(file.name) ?? 0) + 1);
      if (got.mismatch) problem(`${file.name}: ${got.mismatch}`);
      else if (got.crc64 !== file.crc64)
        problem(`${file.name}: CRC-64 ${got.crc64} reported, ${file.crc64} expected`);
      else matched++;
    } catch (error) {
      problem(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  let missing = 0;
  for (const file of workload.files) {
    const n = seen.get(file.name) ?? 0;
    if (n === 0) missing++;
    if (n > 1) problem(`${file.name}: stored ${n} times`);
  }
  if (missing > 0) {
    const names = workload.files.filter((f) => !seen.has(f.name)).map((f) => f.name);
    problem(
      `${missing} of ${workload.count} files missing (${names.slice(0, 3).join(', ')}${missing > 3 ? ', …' : ''})`,
    );
  }
  const ok = problems.length === 0 && matched === workload.count && keys.length === workload.count;
  return { ok, objects: keys.length, matched, problems };
}
