/**
 * The items of `source` until `signal` aborts: then the iteration ends at once, even while
 * `source` is waiting for its next item (a quiet stdin), and `source` is told to return.
 * (One abort listener for the whole iteration: racing a long-lived promise per item would
 * retain every item.)
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (signal === undefined) {
    yield* source;
    return;
  }
  const it = source[Symbol.asyncIterator]();
  let wake: ((r: IteratorResult<T> | null) => void) | null = null;
  const onAbort = (): void => wake?.(null);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (!signal.aborted) {
      const r = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
        wake = resolve;
        // A read still pending at the abort may fail later (stdin destroyed): not an error then.
        it.next().then(resolve, (err: unknown) => (signal.aborted ? resolve(null) : reject(err)));
      });
      wake = null;
      if (r === null || r.done === true) return;
      yield r.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    void Promise.resolve(it.return?.()).catch(() => {});
  }
}
