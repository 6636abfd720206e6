import { ConnectionGone, type CosError, requestExpired } from '../cos-error';
import type { ReceiveBodyOptions } from '../receive-body';
import type { RequestContext } from '../request-context';
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
  return {
    req: ctx.req,
    tmpDir: ctx.env.tmpDir,
    ...(ctx.plan.dropAfterBytes !== undefined ? { dropAfterBytes: ctx.plan.dropAfterBytes } : {}),
    onDrop: () => ctx.env.faults.record(ctx.faultOp, 'drop'),
    ...(ctx.plan.bandwidthBytesPerSec !== undefined
      ? { bandwidthBytesPerSec: ctx.plan.bandwidthBytesPerSec }
      : {}),
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
