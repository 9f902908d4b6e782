/**
 * Spilled keyed state: immutable sorted runs, as in a log-structured merge tree. When an
 * operator's state outgrows its memory budget it writes what it holds as one run — per window
 * pane, every key's encoded accumulators in result order — and starts over empty; a window's
 * result is the merge of its runs (oldest first) and what is still in memory. A checkpoint
 * refers to the runs it needs instead of copying them (an incremental checkpoint, as Flink's
 * RocksDB backend refers to its immutable SST files).
 */

/** One pane of a run: the window it belongs to and how many entries it holds. */
export interface RunPane {
  start: number;
  end: number;
  entries: number;
}

/** What a written run holds. `id` is unique in its store, also across threads and restarts. */
export interface RunInfo {
  id: number;
  panes: RunPane[];
  /** Bytes written. */
  bytes: number;
}

/** The runs one owner's state includes (owner `owner` of the checkpoint's parallelism). */
export interface OwnerRuns {
  owner: number;
  runs: RunInfo[];
}

/** Consecutive entries of a pane: their keys and, per aggregate, their encoded accumulators. */
export interface RunChunk {
  keys: string[];
  accs: unknown[][];
}

/** A pane to write: its window and its entries' chunks, keys ascending in result order. */
export interface RunPaneInput {
  start: number;
  end: number;
  chunks: Iterable<RunChunk>;
}

/**
 * Where runs are kept: `MemoryRunStore` (tests), or LMDB (`openLmdbRunStore`). Synchronous, so
 * that a window store can spill and fire without yielding. Safe to share between threads of
 * one process (each opens its own handle to the same place).
 */
export interface RunStore {
  /** Writes a run. Once this returns it is durable and readable. */
  write(panes: RunPaneInput[]): RunInfo;
  /** The chunks of pane `pane` (an index into the run's `panes`) of run `id`, in order. */
  read(id: number, pane: number): Iterable<RunChunk>;
  /** Deletes runs for good. Unknown ids are ignored. */
  drop(ids: readonly number[]): void;
  /** The ids of every run stored that holds an entry (an empty run leaves nothing behind). */
  ids(): number[];
  /** Closes the store; call it before the thread that opened it ends. */
  close(): Promise<void>;
}
