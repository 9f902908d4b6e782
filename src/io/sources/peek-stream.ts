/** The start of a stream, read ahead, and the whole stream again (nothing lost or reordered). */
export interface Peeked {
  /** Every byte of the original stream, the peeked ones first. Iterate it once. */
  readonly stream: AsyncIterable<Buffer>;
  /** Bytes read ahead. */
  readonly bytes: number;
  /** The stream ended within what was read ahead: `bytes` is its whole length. */
  readonly ended: boolean;
}

/**
 * Reads ahead on `source` until it has `maxBytes`, it ends, or `waitMs` pass (a live pipe that is
 * quiet), whichever comes first, so the caller can tell a small finished input from a large or
 * live one before choosing how to run. A read still pending when the wait is over is kept and
 * its bytes come next in `stream`.
 */
export async function peekStream(
  source: AsyncIterable<Buffer>,
  maxBytes: number,
  waitMs: number,
  waitOver: (ms: number) => Promise<void> = sleep,
): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let bytes = 0;
  let ended = false;
  let pending: Promise<IteratorResult<Buffer>> | null = null;
  // One wait for the whole look-ahead (`waitOver`: injectable, so tests need no real time).
  let over = false;
  const timeUp = waitOver(waitMs).then(() => {
    over = true;
    return null;
  });
  while (bytes < maxBytes && !over) {
    pending ??= it.next();
    const r = await Promise.race([pending, timeUp]);
    if (r === null) break;
    pending = null;
    if (r.done === true) {
      ended = true;
      break;
    }
    head.push(r.value);
    bytes += r.value.length;
  }
  async function* all(): AsyncGenerator<Buffer> {
    try {
      yield* head.splice(0);
      if (ended) return;
      for (;;) {
        const r: IteratorResult<Buffer> = await (pending ?? it.next());
        pending = null;
        if (r.done === true) return;
        yield r.value;
      }
    } finally {
      if (!ended) void Promise.resolve(it.return?.()).catch(() => {});
    }
  }
  return { stream: all(), bytes, ended };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
