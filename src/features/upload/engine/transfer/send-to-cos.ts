/**
 * One request to COS, watched: a stall timer aborts it when no progress arrives, going offline
 * aborts it without counting a failure, and every way it can end is turned into an outcome
 * the retry policy understands. The caller holds a scheduler slot around this call.
 */
import { abortReason, EngineAbort, isEngineAbort, linkedController } from '../failures/abort';
import type { EngineContext } from '../engine-context';
import type { Observation } from '../failures/retry-policy';
import { startStallTimer } from './stall-timer';
import { isTransportError, type TransportResponse } from '../ports/transport';

export type CosOutcome =
  | { kind: 'response'; response: TransportResponse; durationMs: number }
  | { kind: 'failed'; observation: Observation }
  | { kind: 'offline' };

export async function sendToCos(
  ctx: EngineContext,
  runSignal: AbortSignal,
  request: {
    url: string;
    headers: Record<string, string>;
    body: Blob;
    onProgress: (loaded: number) => void;
  },
): Promise<CosOutcome> {
  const connectivity = ctx.connectivitySignal();
  if (connectivity.aborted) return { kind: 'offline' };
  const { controller, unlink } = linkedController(runSignal);
  const onOffline = () => controller.abort(new EngineAbort('offline'));
  connectivity.addEventListener('abort', onOffline, { once: true });
  const stall = startStallTimer(ctx.env, ctx.options.stallTimeoutMs, () =>
    controller.abort(new EngineAbort('stall')),
  );
  const startedAt = ctx.env.now();
  const ownAbort = (): 'stall' | 'offline' | null => {
    const reason: unknown = controller.signal.reason;
    if (!controller.signal.aborted || !isEngineAbort(reason)) return null;
    return reason.kind === 'stall' || reason.kind === 'offline' ? reason.kind : null;
  };
  try {
    const response = await ctx.transport.put(request.url, request.body, {
      headers: request.headers,
      signal: controller.signal,
      onProgress: (loaded) => {
        stall.touch();
        request.onProgress(loaded);
      },
    });
    if (runSignal.aborted) throw abortReason(runSignal);
    // An answer that raced our own abort still counts as the abort: we already gave up on it.
    const own = ownAbort();
    if (own === 'stall') return { kind: 'failed', observation: { kind: 'stalled' } };
    if (own === 'offline') return { kind: 'offline' };
    return { kind: 'response', response, durationMs: ctx.env.now() - startedAt };
  } catch (error) {
    if (runSignal.aborted) throw abortReason(runSignal);
    const own = ownAbort();
    if (own === 'stall') return { kind: 'failed', observation: { kind: 'stalled' } };
    if (own === 'offline' || !ctx.isOnline()) return { kind: 'offline' };
    if (isTransportError(error)) {
      return {
        kind: 'failed',
        observation: error.kind === 'timeout' ? { kind: 'timeout' } : { kind: 'network' },
      };
    }
    throw error;
  } finally {
    stall.stop();
    unlink();
    connectivity.removeEventListener('abort', onOffline);
  }
}
