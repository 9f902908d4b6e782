/**
 * Yields from `source` until `stop` resolves, even while `source` waits for input (a quiet stdin):
 * a signal must stop reading at once, not at the next line. (One listener on `stop` for the
 * whole iteration: `Promise.race` against it per item would retain every item.)
 */
export async function* untilStopped<T>(source: AsyncGenerator<T>, stop: Promise<void>): AsyncGenerator<T> {
  let stopped = false;
  let wake: ((r: IteratorResult<T> | null) => void) | null = null;
  void stop.then(() => {
    stopped = true;
    wake?.(null);
  });
  try {
    while (!stopped) {
      const r = await new Promise<IteratorResult<T> | null>((resolve, reject) => {
        wake = resolve;
        source.next().then(resolve, reject);
      });
      wake = null;
      if (r === null || r.done) return;
      yield r.value;
    }
  } finally {
    void source.return(undefined).catch(() => {});
  }
}
