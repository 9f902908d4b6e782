/**
 * What a two-phase file sink hands to the checkpoint (`putSinkPending`): small, JSON-able, and
 * enough to finish or redo a commit after a crash.
 */

/** One staged in-progress file, to be appended to its final file at commit. */
export interface PartCommit {
  /** The absolute path of the final (visible) file. */
  final: string;
  /** The absolute path of the in-progress file holding exactly `bytes` bytes. */
  file: string;
  bytes: number;
  /** The size of `final` before this part: the commit makes it `base + bytes`. */
  base: number;
}

/** What the sink knows of a final file once the checkpoint is committed. */
export interface FinalState {
  /** Its size after the commit. */
  size: number;
  /** CSV: the header columns already written to it. */
  columns?: string[];
}

export interface PendingCommit {
  version: 1;
  checkpointId: number;
  /** Every part not yet committed at prepare time, oldest first (subsuming earlier checkpoints). */
  parts: PartCommit[];
  /** Every final file this job has written to, with its state after this commit. */
  finals: Record<string, FinalState>;
}

/** True when `v` looks like a `PendingCommit` (a checkpoint from another version is refused). */
export function isPendingCommit(v: unknown): v is PendingCommit {
  const p = v as PendingCommit;
  return typeof p === 'object' && p !== null && p.version === 1 && Array.isArray(p.parts) && typeof p.finals === 'object' && p.finals !== null;
}
