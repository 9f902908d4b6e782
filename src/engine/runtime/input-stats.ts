/** What was read from one input (a split: a file, stdin, an S3 object), for `--stats`. */
export interface InputStats {
  name: string;
  /** Bytes handed on (of the decompressed content), and lines. */
  bytes: number;
  lines: number;
  /** Bad records (could not be decoded or timed) and damage reported for it. */
  bad: number;
}

/**
 * Per-input counts of a job, kept on the main thread as chunks are released (in input order),
 * so they hold exactly what was handed on, at any parallelism.
 */
export class InputCounts {
  private readonly byName = new Map<string, InputStats>();

  private of(name: string): InputStats {
    let s = this.byName.get(name);
    if (s === undefined) {
      s = { name, bytes: 0, lines: 0, bad: 0 };
      this.byName.set(name, s);
    }
    return s;
  }

  read(name: string, bytes: number, lines: number): void {
    const s = this.of(name);
    s.bytes += bytes;
    s.lines += lines;
  }

  bad(name: string): void {
    this.of(name).bad++;
  }

  /** The inputs in the order they were first seen. */
  list(): InputStats[] {
    return [...this.byName.values()];
  }
}
