import type { StateBackend } from './backend.js';

/** One row of `fstream state ls`. */
export interface CheckpointRow {
  id: number;
  createdAt: number;
  /** `createdAt` as ISO-8601 UTC. */
  time: string;
  planHash: string;
  meta: unknown;
  /** Approximate encoded size of the checkpoint. */
  bytes: number;
  entries: number;
  groups: number;
  latest: boolean;
}

/** The kept checkpoints, oldest first, for `fstream state ls` (the command renders them). */
export function describeCheckpoints(backend: StateBackend): CheckpointRow[] {
  const list = backend.list();
  const latestId = list.length > 0 ? backend.latest()?.id : undefined;
  return list.map((c) => ({
    id: c.id,
    createdAt: c.createdAt,
    time: new Date(c.createdAt).toISOString(),
    planHash: c.planHash,
    meta: c.meta,
    bytes: c.sizes.bytes,
    entries: c.sizes.entries,
    groups: c.sizes.groups,
    latest: c.id === latestId,
  }));
}
