import { FileTarget } from './file-target.js';

/** One record that could not be decoded or timed (SPEC §7). */
export interface DeadLetter {
  /** The input it came from (a path, `-`, an S3 URL). */
  source: string;
  /** 1-based line number in that input. */
  line: number;
  error: string;
  /** The line as read; cut when it was longer than the line limit. */
  raw: string;
  /** True when `raw` was cut. */
  truncated?: boolean;
}

/** The `--errors` file: one NDJSON object per bad record, appended, buffered. */
export interface DeadLetterWriter {
  write(entry: DeadLetter): void;
  /** Resolves when the file accepted everything written so far. */
  flush(): Promise<void>;
  /** Flushes and closes the file; call once at the end. */
  close(): Promise<void>;
  /** Entries written so far. */
  readonly count: number;
}

/** Opens `path` for appending (creating its directory); an open error surfaces at flush/close. */
export function createDeadLetterWriter(path: string): DeadLetterWriter {
  const target = new FileTarget(path, { append: true });
  let count = 0;
  return {
    get count() {
      return count;
    },
    write(entry) {
      count++;
      const { source, line, error, raw } = entry;
      const obj = entry.truncated === true
        ? { source, line, error, raw, truncated: true }
        : { source, line, error, raw };
      target.output.write(JSON.stringify(obj) + '\n');
    },
    flush: () => target.output.flush(),
    close: () => target.close(),
  };
}
