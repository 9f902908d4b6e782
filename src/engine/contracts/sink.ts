import type { Rec } from '../../common/record.js';
import type { ResultChange } from './result.js';

/**
 * Where output records go. `write` is called in output order; `flush` after every batch of
 * results (a fired window, a processed chunk) so that output on a pipe is never held back;
 * `close` once at the end. A closed stdout (EPIPE) is not an error: the sink reports it through
 * `closed` and the job stops quietly.
 */
export interface Sink {
  /**
   * One output record; `change` says which result it is a version of when it comes from a keyed
   * operator (a window's result), absent for a record of a pipeline without one.
   */
  write(rec: Rec, change?: ResultChange): void;
  /** True when this sink writes NDJSON: then records may arrive already encoded (from workers). */
  readonly acceptsNdjson: boolean;
  /** Writes NDJSON lines encoded elsewhere (each ends in `\n`); only when `acceptsNdjson`. */
  writeNdjson(text: string): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  /** True once the reader went away (`| head`); the job should stop and exit 0. */
  readonly closed: boolean;
}
