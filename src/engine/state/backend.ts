/**
 * Checkpoint storage. Operators keep their state in memory while running; at a checkpoint the
 * engine writes one snapshot through a `CheckpointWriter` and commits it. There is no per-record
 * state access here.
 */

/** Sizes of one committed checkpoint (for `fstream state ls` and progress). */
export interface CheckpointSizes {
  /** Key groups that hold at least one entry. */
  groups: number;
  entries: number;
  /** Approximate bytes of encoded state (entries, meta and sink pending). */
  bytes: number;
}

/** What `latest()` and `list()` tell about a committed checkpoint, without reading its state. */
export interface CheckpointInfo {
  id: number;
  /** Epoch ms at commit. */
  createdAt: number;
  /** The hash of the plan that wrote it: a restart with another plan must be refused. */
  planHash: string;
  /** JSON-able job data: input positions, watermarks, counters. */
  meta: unknown;
  sizes: CheckpointSizes;
}

/**
 * Writes one checkpoint. Nothing is visible to readers until `commit()` resolves; a writer that is
 * dropped or aborted (or a crash) leaves no checkpoint behind, and the previous one stays latest.
 */
export interface CheckpointWriter {
  readonly id: number;
  /** Job data (JSON-able); the last call wins. Defaults to `null`. */
  putMeta(meta: unknown): void;
  /**
   * Appends `entries` (structured-clone-able values: JSON, typed arrays, Maps, Dates) to key group
   * `keyGroup`. May be called many times per group; entries are read back in call order. The
   * entries are copied (encoded) before the call returns: the caller may mutate them afterwards.
   * Await the promise: it is how the backend batches writes and applies backpressure.
   */
  putGroupEntries(keyGroup: number, entries: readonly unknown[]): Promise<void>;
  /** What the sink staged for this checkpoint (its `PendingCommit`); last call wins. */
  putSinkPending(pending: unknown): void;
  /**
   * Makes the checkpoint visible atomically and durably, then drops checkpoints older than the
   * backend's retention. Resolves with its info; after that, `latest()` returns it.
   */
  commit(): Promise<CheckpointInfo>;
  /** Discards what was written; the writer is unusable afterwards. */
  abort(): Promise<void>;
}

/** Where checkpoints are kept: `MemoryStateBackend` or `openLmdbBackend(dir)`. */
export interface StateBackend {
  /**
   * Starts checkpoint `id` of the plan `planHash`. `id` must be greater than every committed id;
   * one writer at a time. Throws `StateError` otherwise.
   */
  begin(id: number, planHash: string): CheckpointWriter;
  /** The newest committed checkpoint, or null for a fresh state. Throws `StateError` if corrupt. */
  latest(): CheckpointInfo | null;
  /** The committed checkpoints kept, oldest first. */
  list(): CheckpointInfo[];
  /**
   * The entries of the given key groups of checkpoint `id`, in write order; a group without
   * entries maps to `[]`. Throws `StateError` if the checkpoint is unknown or incomplete.
   */
  readGroups(id: number, groups: readonly number[]): Promise<Map<number, unknown[]>>;
  /** The sink pending of checkpoint `id` (`null` when none was put). */
  readSinkPending(id: number): Promise<unknown>;
  close(): Promise<void>;
}

/** Options shared by the backends. */
export interface StateBackendOptions {
  /** How many committed checkpoints to keep (newest first); default 1. */
  retain?: number;
}
