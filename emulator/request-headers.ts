import type { IncomingHttpHeaders } from 'node:http';
import { CosError, invalidArgument } from './cos-error';
import { GRANT_HEADERS } from './object-acl';
import type { StatsOperation } from './stats';

/**
 * COS acts on `x-cos-*` request headers whether they are signed or not (ACLs, storage class,
 * tagging, encryption, image processing…). A header the emulator ignored would make it more
 * lenient than COS without anyone noticing, so each one is either modelled (listed here for
 * the APIs that honour it) or refused with 501 NotImplemented naming it.
 */

/** The SDKs' retry marker: no effect on COS, accepted everywhere. */
const EVERYWHERE = new Set(['x-cos-sdk-retry']);

const UPLOAD_HEADERS = [
  'x-cos-storage-class',
  'x-cos-forbid-overwrite',
  'x-cos-acl',
  ...Object.keys(GRANT_HEADERS),
];

/** Modelled headers per API (`x-cos-meta-*` is modelled where the object's metadata is set). */
const MODELLED: Partial<Record<StatsOperation, ReadonlySet<string>>> = {
  put: new Set([...UPLOAD_HEADERS, 'x-cos-traffic-limit']),
  initiate: new Set(UPLOAD_HEADERS),
  part: new Set(['x-cos-traffic-limit']),
  complete: new Set(['x-cos-forbid-overwrite']),
};

const TAKES_METADATA = new Set<StatsOperation>(['put', 'initiate']);

/** Other headers COS honours that start with neither `x-cos-` nor `x-ci-`. */
const OTHER_ACTIVE = new Set(['pic-operations']);

/** Refuses every `x-cos-*`/`x-ci-*` header (and `Pic-Operations`) this API does not model. */
export function assertModelledHeaders(op: StatsOperation, headers: IncomingHttpHeaders): void {
  const modelled = MODELLED[op];
  for (const name of Object.keys(headers)) {
    const active = name.startsWith('x-cos-') || name.startsWith('x-ci-') || OTHER_ACTIVE.has(name);
    if (!active || EVERYWHERE.has(name) || modelled?.has(name)) continue;
    if (name.startsWith('x-cos-meta-') && TAKES_METADATA.has(op)) continue;
    throw new CosError(
      501,
      'NotImplemented',
      `The local emulator does not implement the request header ${name} on this API; COS would act on it, so it is refused rather than ignored.`,
    );
  }
}

/** COS's documented range for `x-cos-traffic-limit`, in bit/s (800 Kb/s to 800 Mb/s). */
export const TRAFFIC_LIMIT_MIN = 819_200;
export const TRAFFIC_LIMIT_MAX = 838_860_800;

/** `x-cos-traffic-limit` as bytes per second, or undefined; out of range ⇒ 400 InvalidArgument. */
export function trafficLimitBytesPerSec(headers: IncomingHttpHeaders): number | undefined {
  const raw = headers['x-cos-traffic-limit'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  const bits = /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  if (!(bits >= TRAFFIC_LIMIT_MIN && bits <= TRAFFIC_LIMIT_MAX)) {
    throw invalidArgument(
      `x-cos-traffic-limit must be a number of bit/s from ${TRAFFIC_LIMIT_MIN} to ${TRAFFIC_LIMIT_MAX}, got: ${value}`,
    );
  }
  return bits / 8;
}
