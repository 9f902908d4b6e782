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

/** Where bad records go (`--errors`): a named side output of the job. */
export interface DeadLetterSink {
  write(entry: DeadLetter): void;
  /** Resolves when everything written so far is accepted. */
  flush(): Promise<void>;
  /** Flushes and closes; called once at the end. */
  close(): Promise<void>;
}
