import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { checkLmdbFile } from './lmdb-file-check.js';
import { FORMAT, MARKER_FILE } from './lmdb-layout.js';
import { StateError, startFresh } from './state-error.js';

/**
 * Prepares `dir` for the LMDB backend, before LMDB touches it. A missing or empty directory is
 * created and marked as fstream's (`fstream-state.json`). An existing one must carry the marker
 * and a sound `data.mdb` (see `checkLmdbFile`). Throws `StateError` naming what is wrong.
 */
export function prepareStateDir(dir: string): { committed: boolean } {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  else if (!statSync(dir).isDirectory()) throw new StateError(`the state path ${dir} is not a directory`);
  const names = readdirSync(dir);
  const marker = join(dir, MARKER_FILE);
  if (!names.includes(MARKER_FILE)) {
    if (names.length > 0) {
      throw new StateError(
        `${dir} is not an fstream state directory (it holds other files and no ${MARKER_FILE}); ` +
          'give --state an empty or new directory',
      );
    }
    writeMarker(marker, false);
    return { committed: false };
  }
  let format: unknown;
  let committed = true;
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { format?: unknown; committed?: unknown };
    format = m.format;
    committed = m.committed !== false;
  } catch (err) {
    throw new StateError(`the state directory ${dir} is corrupt: ${MARKER_FILE} is unreadable; ${startFresh(dir)}`, { cause: err });
  }
  if (format !== FORMAT) {
    throw new StateError(`the state directory ${dir} has format ${String(format)}, this fstream reads ${FORMAT}; ${startFresh(dir)}`);
  }
  const data = join(dir, 'data.mdb');
  if (!committed) {
    // Nothing was ever committed here (a run was killed while creating it): start it afresh.
    try {
      if (existsSync(data) && statSync(data).size > 0) checkLmdbFile(data, dir);
      return { committed };
    } catch {
      rmSync(data, { force: true });
      rmSync(join(dir, 'lock.mdb'), { force: true });
      return { committed };
    }
  }
  if (!existsSync(data) || statSync(data).size === 0) {
    throw new StateError(`the state directory ${dir} is corrupt: data.mdb is missing or empty; ${startFresh(dir)}`);
  }
  checkLmdbFile(data, dir);
  return { committed };
}

/** Records in the marker that a checkpoint was committed: from now on a broken data.mdb is corruption. */
export function markCommitted(dir: string): void {
  const marker = join(dir, MARKER_FILE);
  const tmp = marker + '.tmp';
  rmSync(tmp, { force: true });
  writeMarker(tmp, true);
  renameSync(tmp, marker);
}

function writeMarker(path: string, committed: boolean): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, JSON.stringify({ format: FORMAT, createdAt: new Date().toISOString(), committed }) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
