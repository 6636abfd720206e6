/**
 * Reads the emulator back through the official SDK (not its disk layout), the way a bucket
 * owner would see what landed.
 */
import COS from 'cos-nodejs-sdk-v5';
import { DEV_SECRET_ID, DEV_SECRET_KEY } from '../../emulator/dev-credentials';
import type { StackInfo } from './launch-stack';

export interface StoredObject {
  key: string;
  size: number;
  body: Buffer;
  meta: Record<string, string>;
  crc64: string | null;
}

/** The official SDK on the local emulator, with its development key. */
export function emulatorClient(stack: StackInfo): COS {
  if (!stack.emulator) throw new Error('these helpers read the local emulator');
  return new COS({
    SecretId: DEV_SECRET_ID,
    SecretKey: DEV_SECRET_KEY,
    Domain: stack.emulator.url,
  });
}

export async function listKeys(stack: StackInfo, prefix = ''): Promise<string[]> {
  const cos = emulatorClient(stack);
  const keys: string[] = [];
  let marker = '';
  for (;;) {
    const page = await cos.getBucket({
      Bucket: stack.bucket,
      Region: stack.region,
      Prefix: prefix,
      Marker: marker,
      MaxKeys: 1000,
    });
    keys.push(...page.Contents.map((c) => c.Key));
    if (page.IsTruncated !== 'true' || !page.NextMarker) break;
    marker = page.NextMarker;
  }
  return keys;
}

export async function readObject(stack: StackInfo, key: string): Promise<StoredObject> {
  const cos = emulatorClient(stack);
  const head = await cos.headObject({ Bucket: stack.bucket, Region: stack.region, Key: key });
  const got = await cos.getObject({ Bucket: stack.bucket, Region: stack.region, Key: key });
  const meta: Record<string, string> = {};
  for (const [name, value] of Object.entries(head.headers ?? {})) {
    if (name.startsWith('x-cos-meta-')) meta[name.slice('x-cos-meta-'.length)] = String(value);
  }
  return {
    key,
    size: Number(head.headers?.['content-length'] ?? got.Body.length),
    body: got.Body as Buffer,
    meta,
    crc64: (head.headers?.['x-cos-hash-crc64ecma'] as string | undefined) ?? null,
  };
}

/** Every object under a prefix, indexed by the original file name the signer stored as metadata. */
export async function objectsByName(
  stack: StackInfo,
  prefix = '',
): Promise<Map<string, StoredObject[]>> {
  const byName = new Map<string, StoredObject[]>();
  for (const key of await listKeys(stack, prefix)) {
    const object = await readObject(stack, key);
    const name = decodeURIComponent(object.meta.filename ?? '');
    byName.set(name, [...(byName.get(name) ?? []), object]);
  }
  return byName;
}

export async function emulatorStats(stack: StackInfo): Promise<Record<string, unknown>> {
  if (!stack.emulator) throw new Error('no emulator');
  const res = await fetch(`${stack.emulator.adminUrl}/stats`);
  return (await res.json()) as Record<string, unknown>;
}
