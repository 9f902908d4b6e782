/**
 * A split is one unit of input: stdin, one file, (later) one S3 object. Sources list splits;
 * a split opens as a stream of raw bytes, already decompressed when it is gzip.
 */
export interface Split {
  /** Shown in errors and dead-letter records: the path as the user wrote or the glob matched it, or `-`. */
  name: string;
  /** False for stdin: it cannot be replayed or opened at an offset. */
  replayable: boolean;
  /**
   * Its length in bytes as stored (a gzip file's compressed size) when it was listed; absent when
   * not known (a pipe, stdin still open, a followed file that grows).
   */
  size?: number;
  /**
   * Opens the split. `fromOffset` is a byte offset into the (decompressed) content; reading
   * starts there. Rejects with `InputError` (naming the input) when it cannot be read.
   * A yielded buffer is only valid until the next one is asked for (a file is read into one
   * reused buffer): a consumer copies what it keeps.
   *
   * Once `signal` aborts, the iteration ends soon (quietly, or by throwing an AbortError) and
   * releases what it holds, even while it waits for input or reads a line that never ends.
   * Damaged data (a corrupt gzip stream) throws a `DamagedInputError` after the good bytes.
   */
  open(fromOffset?: number, signal?: AbortSignal): Promise<AsyncIterable<Buffer>>;
}
