import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointMeta } from '../engine/checkpoint/positions.js';
import type { SpillSettings } from '../engine/runtime/owner-spill.js';
import { RUNS_DIR } from '../engine/state/lmdb-layout.js';
import { openLmdbRunStore } from '../engine/state/lmdb-run-store.js';

const MiB = 2 ** 20;

/** The default memory budget of keyed state: 1/16 of the machine's memory, from 64 MiB to 512 MiB. */
export function defaultMemoryBudget(machineBytes = totalmem()): number {
  return Math.min(512 * MiB, Math.max(64 * MiB, Math.floor(machineBytes / 16)));
}

/** Where a job's keyed state spills, and what to do about it at the end. */
export interface SpillSetup {
  settings: SpillSettings;
  /** After the job: a temporary run directory is removed. */
  cleanUp(): void;
}

/**
 * With `--state DIR` runs live in `DIR/runs` and checkpoints refer to them; runs there that the
 * restored checkpoint does not refer to (written after it by a run that was stopped or killed)
 * are dropped now. Without `--state` they go to a temporary directory, made on the first spill
 * and removed after the job.
 */
export async function setupSpill(memoryBytes: number | undefined, stateDir: string | undefined, restored: CheckpointMeta | null): Promise<SpillSetup> {
  const budgetBytes = memoryBytes ?? defaultMemoryBudget();
  if (stateDir !== undefined) {
    const dir = join(stateDir, RUNS_DIR);
    if (existsSync(dir)) await dropOrphans(dir, restored);
    return { settings: { dir, budgetBytes, checkpoints: true }, cleanUp: () => {} };
  }
  const dir = join(tmpdir(), `fstream-runs-${process.pid}-${randomBytes(4).toString('hex')}`);
  return {
    settings: { dir, budgetBytes, checkpoints: false },
    cleanUp: () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Never made (TMPDIR is not a directory): nothing to remove.
      }
    },
  };
}

async function dropOrphans(dir: string, restored: CheckpointMeta | null): Promise<void> {
  const referenced = new Set((restored?.runs ?? []).flatMap((o) => o.runs.map((r) => r.id)));
  const store = openLmdbRunStore(dir);
  try {
    store.drop(store.ids().filter((id) => !referenced.has(id)));
  } finally {
    await store.close();
  }
}
