import { readdirSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { MARKER_FILE, RUNS_DIR } from './lmdb-layout.js';
import { StateError } from './state-error.js';
import { LOCK_FILE, lockStateDir } from './state-lock.js';

/** The files fstream writes in a state directory: nothing else in it is deleted. */
export const STATE_FILES = [MARKER_FILE, `${MARKER_FILE}.tmp`, 'data.mdb', 'lock.mdb', RUNS_DIR, LOCK_FILE];

/**
 * Deletes the state in `dir` (which carries the marker): only `STATE_FILES`, then the directory
 * if nothing else is left in it. Refuses (`StateError`) while a process holds the directory, and
 * holds it meanwhile so that no run starts on a half-deleted state. Returns the names it kept.
 */
export async function removeStateDir(dir: string): Promise<{ removedDir: boolean; kept: string[] }> {
  const lock = await lockStateDir(dir);
  try {
    // The marker goes last: a directory still marked is still recognised (and refused) as state.
    for (const name of STATE_FILES.filter((n) => n !== MARKER_FILE && n !== LOCK_FILE)) rmSync(join(dir, name), { force: true, recursive: true });
    rmSync(join(dir, MARKER_FILE), { force: true });
  } catch (err) {
    throw new StateError(`cannot delete the state in ${dir}: ${(err as Error).message}`, { cause: err });
  } finally {
    await lock.release();
  }
  const kept = readdirSync(dir)
    .filter((n) => !STATE_FILES.includes(n))
    .sort();
  if (kept.length > 0) return { removedDir: false, kept };
  rmdirSync(dir);
  return { removedDir: true, kept };
}
