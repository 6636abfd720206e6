import type { IncomingHttpHeaders } from 'node:http';
import { queryValue, type QueryParam } from './cos-encoding';
import { CosError } from './cos-error';
import type { FaultOperation } from './faults';
import type { StatsOperation } from './stats';

/** `<name>-<appid>.cos.<region>.<anything>`: COS's virtual-host form (incl. `….localhost`). */
const VIRTUAL_HOST = /^([a-z0-9][a-z0-9-]*-\d+)\.cos\.([a-z0-9-]+)\./;

export interface HostTarget {
  bucket: string;
  /** Region named by the host, or undefined when the default bucket was used. */
  region?: string;
}

/** Bucket from the Host header; any other host (IP, localhost) means the default bucket. */
export function bucketFromHost(host: string | undefined, defaultBucket: string): HostTarget {
  const hostname = (host ?? '').toLowerCase();
  const m = VIRTUAL_HOST.exec(hostname);
  if (m) return { bucket: m[1]!, region: m[2]! };
  return { bucket: defaultBucket };
}

/** Sub-resources of real COS APIs this emulator does not implement: 501, not a silent GET. */
const UNIMPLEMENTED_SUBRESOURCES = [
  'acl',
  'tagging',
  'lifecycle',
  'policy',
  'versioning',
  'versions',
  'versionId',
  'delete',
  'restore',
  'select',
  'website',
  'referer',
  'logging',
  'domain',
  'inventory',
  'replication',
  'encryption',
  'append',
  'symlink',
  'torrent',
  'object-lock',
  'accelerate',
  'intelligenttiering',
  'origin',
  'list-type',
];

export interface Operation {
  op: StatsOperation;
  faultOp?: FaultOperation;
}

const has = (query: readonly QueryParam[], name: string): boolean =>
  queryValue(query, name) !== undefined;

const notImplemented = (): CosError =>
  new CosError(501, 'NotImplemented', 'This COS API is not implemented by the local emulator.');

/**
 * Which COS API a request is. Throws 405 for methods COS does not have and 501 for real APIs
 * the emulator does not implement, so a client never gets a misleading success.
 */
export function classify(
  method: string,
  key: string,
  query: readonly QueryParam[],
  headers: IncomingHttpHeaders,
): Operation {
  if (method === 'OPTIONS') return { op: 'preflight' };
  if (!['GET', 'HEAD', 'PUT', 'POST', 'DELETE'].includes(method)) {
    throw new CosError(
      405,
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
    );
  }
  const unimplemented = UNIMPLEMENTED_SUBRESOURCES.some((name) => has(query, name));
  if (key === '') {
    if (has(query, 'cors')) {
      if (method === 'GET') return { op: 'getCors' };
      if (method === 'PUT') return { op: 'putCors' };
      if (method === 'DELETE') return { op: 'deleteCors' };
    }
    if (has(query, 'versioning')) {
      if (method === 'GET') return { op: 'getVersioning' };
      if (method === 'PUT') return { op: 'putVersioning' };
    }
    if (unimplemented) throw notImplemented();
    if (method === 'GET' && has(query, 'uploads')) return { op: 'listUploads' };
    if (method === 'GET') return { op: 'list' };
    if (method === 'HEAD') return { op: 'headBucket' };
    throw notImplemented();
  }
  // GET Object acl is modelled (the ACL an upload set); PUT Object acl is not.
  if (
    method === 'GET' &&
    has(query, 'acl') &&
    !UNIMPLEMENTED_SUBRESOURCES.some((name) => name !== 'acl' && has(query, name))
  ) {
    return { op: 'getAcl' };
  }
  if (unimplemented || has(query, 'cors') || headers['x-cos-copy-source'] !== undefined) {
    throw notImplemented();
  }
  switch (method) {
    case 'PUT':
      if (has(query, 'uploadId') || has(query, 'partNumber'))
        return { op: 'part', faultOp: 'part' };
      return { op: 'put', faultOp: 'put' };
    case 'POST':
      if (has(query, 'uploads')) return { op: 'initiate', faultOp: 'initiate' };
      if (has(query, 'uploadId')) return { op: 'complete', faultOp: 'complete' };
      throw notImplemented();
    case 'GET':
      if (has(query, 'uploadId')) return { op: 'listParts' };
      return { op: 'get', faultOp: 'get' };
    case 'HEAD':
      return { op: 'head', faultOp: 'head' };
    default:
      if (has(query, 'uploadId')) return { op: 'abort' };
      return { op: 'delete' };
  }
}

/** COS key rules: 1–850 bytes of UTF-8, no leading `/` or `\`. */
export function validateKey(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > 850) {
    throw new CosError(400, 'KeyTooLong', 'Your key is too long.');
  }
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw new CosError(400, 'InvalidObjectName', 'The object key may not start with "/" or "\\".');
  }
}
