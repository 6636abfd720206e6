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
