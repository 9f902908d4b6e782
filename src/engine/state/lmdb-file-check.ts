import { closeSync, openSync } from 'node:fs';
import { LmdbDamage, walkLmdbFile } from './lmdb-file-walk.js';
import { corruptState } from './state-error.js';

/**
 * Checks `file` (the data.mdb of the state directory `dir`) as a whole before LMDB maps it:
 * LMDB trusts its file, and a truncated, overwritten or otherwise damaged one crashes the process
 * (SIGBUS, SIGSEGV, an assertion) instead of failing. See `walkLmdbFile` for what is checked;
 * damage inside values is left to their checksums. Throws `StateError`.
 */
export function checkLmdbFile(file: string, dir: string): void {
  const fd = openSync(file, 'r');
  try {
    walkLmdbFile(fd, { records: false });
  } catch (err) {
    if (err instanceof LmdbDamage) throw corruptState(dir, err.message, err);
    throw err;
  } finally {
    closeSync(fd);
  }
}
