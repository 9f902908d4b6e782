/**
 * Walks the lines of a chunk's `data` without allocating: after each successful `next()`,
 * `[start, end)` is the line's byte range with its `\n` and a trailing `\r` removed.
 *
 * ```ts
 * const c = new LineCursor(chunk.data);
 * for (let line = chunk.firstLine; c.next(); line++) decode(c.text());
 * ```
 */
export class LineCursor {
  start = 0;
  end = 0;
  private pos = 0;

  constructor(readonly data: Buffer) {}

  /** Advances to the next line; false when there is none. A final line without `\n` counts. */
  next(): boolean {
    const data = this.data;
    if (this.pos >= data.length) return false;
    const nl = data.indexOf(10, this.pos);
    const stop = nl < 0 ? data.length : nl;
    this.start = this.pos;
    this.end = stop > this.pos && data[stop - 1] === 13 ? stop - 1 : stop;
    this.pos = stop + 1;
    return true;
  }

  /** The current line as a string; invalid UTF-8 becomes U+FFFD. */
  text(): string {
    return this.data.toString('utf8', this.start, this.end);
  }
}

/** Calls `cb(start, end)` for each line of `data` (same ranges as `LineCursor`). */
export function iterateLines(data: Buffer, cb: (start: number, end: number) => void): void {
  const n = data.length;
  let pos = 0;
  while (pos < n) {
    const nl = data.indexOf(10, pos);
    const stop = nl < 0 ? n : nl;
    cb(pos, stop > pos && data[stop - 1] === 13 ? stop - 1 : stop);
    pos = stop + 1;
  }
}
