/**
 * Key groups (Flink's): keyed state is partitioned into a fixed number of groups, and a worker owns
 * a contiguous range of them. A checkpoint stores state per group, so a job checkpointed at
 * parallelism 2 restores at 1 or 4: each new worker reads the groups it now owns.
 */

/** The number of key groups; fixed forever, since checkpoints are written per group. */
export const KEY_GROUPS = 128;

/**
 * The key group of a key: FNV-1a (32 bit) over the UTF-16 code units, mod `KEY_GROUPS`.
 * Stable across runs, processes and platforms (checkpoints depend on it).
 */
export function keyGroupOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % KEY_GROUPS;
}

/** The worker (0-based) that owns `keyGroup` at `parallelism`: contiguous ranges, as in Flink. */
export function ownerOf(keyGroup: number, parallelism: number): number {
  return Math.floor((keyGroup * parallelism) / KEY_GROUPS);
}

/** The key groups owned by `worker` at `parallelism`, ascending (what it reads on restore). */
export function groupsOwnedBy(worker: number, parallelism: number): number[] {
  const groups: number[] = [];
  for (let kg = 0; kg < KEY_GROUPS; kg++) if (ownerOf(kg, parallelism) === worker) groups.push(kg);
  return groups;
}
