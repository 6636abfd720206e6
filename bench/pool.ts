import type { CompletedPart, MultipartPlan } from '../protocol/schemas';

/**
 * A tiny concurrency limiter shared by the raw-XHR page and the Node tool, so both baselines
 * schedule requests the same way: `limit` workers pulling from one (possibly async) source.
 * Async generators queue concurrent `next()` calls themselves, so workers can pull freely.
 */
export async function pool<T>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      await task(value as T);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Part numbers 1…`count` in batches of `size`: what one signing call of the baselines asks for. */
export function* partBatches(count: number, size: number): Generator<number[]> {
  for (let first = 1; first <= count; first += size) {
    yield Array.from({ length: Math.min(size, count - first + 1) }, (_, i) => first + i);
  }
}

/** A multipart upload under way in a baseline: its plan, the parts done, how many are left. */
export interface MultipartProgress {
  plan: MultipartPlan;
  parts: CompletedPart[];
  remaining: number;
  failed: boolean;
}
