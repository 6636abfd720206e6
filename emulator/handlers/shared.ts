import { newVersionId, type VersioningStatus } from '../bucket-versioning';
import { ConnectionGone, type CosError, requestExpired } from '../cos-error';
import { removeQuietly } from '../atomic-files';
import { MAX_SINGLE_UPLOAD, parseContentMd5 } from '../object-headers';
import { receiveBody, type ReceiveBodyOptions, type ReceivedBody } from '../receive-body';
import type { RequestContext } from '../request-context';
import { trafficLimitBytesPerSec } from '../request-headers';
import { isExpired } from '../signature';

/** In `interrupt` expiry mode, an error once the signature's end has passed. */
export function expiryCheck(ctx: RequestContext): (() => CosError | undefined) | undefined {
  const end = ctx.expiresAtSec;
  if (ctx.env.expiryMode !== 'interrupt' || end === undefined) return undefined;
  return () => (isExpired(end, ctx.env.now()) ? requestExpired() : undefined);
}

/** Throws "Request has expired" if, in `interrupt` mode, the signature ran out meanwhile. */
export function assertStillValid(ctx: RequestContext): void {
  const err = expiryCheck(ctx)?.();
  if (err) throw err;
}

/** Body-reading options common to PUT Object and UploadPart (faults, expiry, stats). */
export function bodyOptions(
  ctx: RequestContext,
): Pick<
  ReceiveBodyOptions,
  | 'req'
  | 'tmpDir'
  | 'dropAfterBytes'
  | 'onDrop'
  | 'bandwidthBytesPerSec'
  | 'interruptCheck'
  | 'onBytes'
> {
  const check = expiryCheck(ctx);
  // x-cos-traffic-limit is modelled as COS applies it: the body arrives no faster than that.
  const rates = [ctx.plan.bandwidthBytesPerSec, trafficLimitBytesPerSec(ctx.req.headers)].filter(
    (r): r is number => r !== undefined,
  );
  return {
    req: ctx.req,
    tmpDir: ctx.env.tmpDir,
    ...(ctx.plan.dropAfterBytes !== undefined ? { dropAfterBytes: ctx.plan.dropAfterBytes } : {}),
    onDrop: () => ctx.env.faults.record(ctx.faultOp, 'drop'),
    ...(rates.length > 0 ? { bandwidthBytesPerSec: Math.min(...rates) } : {}),
    ...(check ? { interruptCheck: check } : {}),
    onBytes: (n) => ctx.env.stats.bytes(n),
  };
}

/**
 * The "lost acknowledgement" fault: the result is already stored; the client never hears so.
 * Call right after committing, before answering.
 */
export function dropIfPlanned(ctx: RequestContext): void {
  if (!ctx.plan.commitThenDrop) return;
  ctx.env.faults.record(ctx.faultOp, 'commitThenDrop');
  ctx.req.socket.destroy();
  throw new ConnectionGone('fault: committed, then dropped the connection', 'commitThenDrop');
}

export interface WriteVersioning {
  /** `x-cos-forbid-overwrite` as it takes effect: never on a bucket that ever had versioning. */
  forbidOverwrite: boolean;
  status: VersioningStatus | undefined;
  /** The new object's version ID while versioning is Enabled. */
  versionId?: string;
}

/** What the bucket's versioning state means for one write (PUT Object, Complete). */
export function writeVersioning(ctx: RequestContext, forbidOverwrite: boolean): WriteVersioning {
  const versioning = ctx.bucket!.versioning;
  const status = versioning.status;
  return {
    forbidOverwrite: forbidOverwrite && !versioning.everEnabled,
    status,
    ...(status === 'Enabled' ? { versionId: newVersionId(ctx.env.now()) } : {}),
  };
}

/**
 * The body of a PUT Object or an UploadPart, streamed to a temp file and checked (its declared
 * length, its Content-MD5 when sent), and in `interrupt` mode refused if the signature ran out
 * while it arrived.
 */
export async function receiveUpload(
  ctx: RequestContext,
  length: number | undefined,
): Promise<ReceivedBody> {
  const expectedMd5 = parseContentMd5(ctx.req.headers);
  const body = await receiveBody({
    ...bodyOptions(ctx),
    declaredLength: length,
    maxBytes: MAX_SINGLE_UPLOAD,
    ...(expectedMd5 ? { expectedMd5 } : {}),
  });
  try {
    assertStillValid(ctx);
  } catch (err) {
    await removeQuietly(body.path);
    throw err;
  }
  return body;
}
