import type { RunChunk } from '../state/run-store.js';
import { compareKeys } from './key-order.js';

/** One key of a merge: its encoded accumulators from each source that has it, oldest first. */
export interface MergedKey {
  key: string;
  encoded: unknown[][];
}

class Cursor {
  private chunk: RunChunk | null = null;
  private i = 0;

  constructor(private readonly it: Iterator<RunChunk>) {
    this.next();
  }

  get key(): string | null {
    return this.chunk === null ? null : this.chunk.keys[this.i]!;
  }

  accs(): unknown[] {
    const c = this.chunk!;
    return c.accs.map((col) => col[this.i]);
  }

  next(): void {
    if (this.chunk !== null && ++this.i < this.chunk.keys.length) return;
    this.i = 0;
    for (;;) {
      const r = this.it.next();
      if (r.done) {
        this.chunk = null;
        return;
      }
      if (r.value.keys.length > 0) {
        this.chunk = r.value;
        return;
      }
    }
  }
}

/**
 * Merges sources of entries, each in key order (compareKeys) with every key at most once, into
 * one stream in key order; a key in several sources comes once, with the accumulators of each
 * in source order (sources are given oldest first, so `first`/`last` merge correctly).
 */
export function* mergeRuns(sources: Iterable<RunChunk>[]): Generator<MergedKey> {
  const cursors = sources.map((s) => new Cursor(s[Symbol.iterator]()));
  for (;;) {
    let min: string | null = null;
    for (const c of cursors) {
      const k = c.key;
      if (k !== null && (min === null || (k !== min && compareKeys(k, min) < 0))) min = k;
    }
    if (min === null) return;
    const encoded: unknown[][] = [];
    for (const c of cursors) {
      if (c.key === min) {
        encoded.push(c.accs());
        c.next();
      }
    }
    yield { key: min, encoded };
  }
}
