import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Sorted runs on disk, for a sort larger than memory (external merge sort): `write` puts one run
 * (items already in order) in a temporary file, one JSON line per item; `merge` reads every run
 * back at once and hands on all items, runs and `extra` (in memory, in order) merged in order.
 * Files are removed by `merge` and `clear`.
 */
export class SortedRuns<T> {
  private dir: string | null = null;
  private files: string[] = [];

  get count(): number {
    return this.files.length;
  }

  write(items: T[]): void {
    this.dir ??= mkdtempSync(join(tmpdir(), 'fstream-sort-'));
    const path = join(this.dir, `run-${this.files.length}.ndjson`);
    const fd = openSync(path, 'w');
    try {
      let text = '';
      for (const item of items) {
        text += `${JSON.stringify(item)}\n`;
        if (text.length > 1 << 20) {
          writeSync(fd, text);
          text = '';
        }
      }
      if (text !== '') writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    this.files.push(path);
  }

  /** Every item of every run and of `extra`, in the order `compare` gives (ties: runs first, in run order). */
  merge(extra: T[], compare: (a: T, b: T) => number, visit: (item: T) => void): void {
    const readers = this.files.map((f) => new LineReader<T>(f));
    const sources: { next(): T | undefined }[] = [...readers, arrayReader(extra)];
    // A binary heap of the sources' heads, ordered by item and then by source (so ties keep run order).
    const heap: { item: T; src: number }[] = [];
    const less = (a: { item: T; src: number }, b: { item: T; src: number }): boolean => {
      const c = compare(a.item, b.item);
      return c < 0 || (c === 0 && a.src < b.src);
    };
    const push = (e: { item: T; src: number }): void => {
      let i = heap.length;
      heap.push(e);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    };
    const popTop = (): void => {
      const last = heap.pop()!;
      if (heap.length === 0) return;
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    };
    try {
      for (const [src, s] of sources.entries()) {
        const item = s.next();
        if (item !== undefined) push({ item, src });
      }
      while (heap.length > 0) {
        const top = heap[0]!;
        visit(top.item);
        const next = sources[top.src]!.next();
        if (next === undefined) popTop();
        else {
          popTop();
          push({ item: next, src: top.src });
        }
      }
    } finally {
      for (const r of readers) r.close();
      this.clear();
    }
  }

  /** Every item written, in no particular order (for a checkpoint). */
  forEach(visit: (item: T) => void): void {
    for (const f of this.files) {
      const r = new LineReader<T>(f);
      try {
        for (let item = r.next(); item !== undefined; item = r.next()) visit(item);
      } finally {
        r.close();
      }
    }
  }

  clear(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.files = [];
  }
}

function arrayReader<T>(items: T[]): { next(): T | undefined } {
  let i = 0;
  return { next: () => items[i++] };
}

/** One run read back a line at a time, through a 64 KiB buffer. */
class LineReader<T> {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(1 << 16);
  private carry = '';
  private lines: string[] = [];
  private at = 0;
  private done = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  next(): T | undefined {
    while (this.at >= this.lines.length) {
      if (this.done) return undefined;
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      if (n === 0) {
        this.done = true;
        this.lines = this.carry === '' ? [] : [this.carry];
        this.carry = '';
      } else {
        const parts = (this.carry + this.buf.toString('utf8', 0, n)).split('\n');
        this.carry = parts.pop()!;
        this.lines = parts;
      }
      this.at = 0;
    }
    return JSON.parse(this.lines[this.at++]!) as T;
  }

  close(): void {
    closeSync(this.fd);
  }
}
