type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Maps items through an async function with up to `concurrency` calls in flight, yielding results in
 * input order (so the output is deterministic whatever order the work finishes in). Stops pulling
 * input while the consumer is busy, which is the backpressure.
 */
export async function* orderedMap<T, R>(
  items: Iterable<T>,
  concurrency: number,
  map: (item: T, index: number) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<Settled<R>>[] = [];
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && inFlight.length < concurrency) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      // Settle eagerly so a failure waiting its turn is not an unhandled rejection.
      inFlight.push(
        map(next.value, index).then(
          (value): Settled<R> => ({ ok: true, value }),
          (error: unknown): Settled<R> => ({ ok: false, error }),
        ),
      );
      index += 1;
    }
  };
  fill();
  while (inFlight.length > 0) {
    const settled = await (inFlight.shift() as Promise<Settled<R>>);
    if (!settled.ok) throw settled.error;
    yield settled.value;
    fill();
  }
}

/** Splits an array into consecutive batches of at most `size` items. */
export function* batches<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
