import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { checkLmdbFile } from './lmdb-file-check.js';
import { FORMAT, MARKER_FILE } from './lmdb-layout.js';
import { StateError, corruptState, startFresh } from './state-error.js';
import { LOCK_FILE } from './state-lock.js';

/** What a state directory holds, as its marker tells. */
export interface StateDirInfo {
  /** The layout version that wrote it (only a committed directory must have this one's). */
  format: unknown;
  /** A checkpoint was committed here at some point: from then on a broken data.mdb is corruption. */
  committed: boolean;
  /** data.mdb exists and is not empty. */
  hasData: boolean;
}

/**
 * Creates `dir` (and its parents) when missing, so that it can be locked. Throws `StateError`
 * when it cannot be created or is not a directory.
 */
export function createStateDir(dir: string): void {
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw writeError(dir, err);
  }
  if (!statSync(dir).isDirectory()) throw new StateError(`the state path ${dir} is not a directory`);
}

/**
 * Prepares the existing, locked `dir` for the LMDB backend, before LMDB touches it: it must be
 * writable. An empty directory is marked as fstream's (`fstream-state.json`); a marked one must
 * have this fstream's format and a sound `data.mdb` (`checkLmdbFile`). Throws `StateError`.
 */
export function prepareStateDir(dir: string): { committed: boolean } {
  // A marker's temporary file is what a run killed while writing the marker leaves behind.
  const names = readdirSync(dir).filter((n) => n !== LOCK_FILE && n !== `${MARKER_FILE}.tmp`);
  for (const p of [dir, ...['data.mdb', 'lock.mdb', MARKER_FILE].filter((n) => names.includes(n)).map((n) => join(dir, n))]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (err) {
      throw writeError(dir, err);
    }
  }
  if (!names.includes(MARKER_FILE)) {
    if (names.length > 0) {
      throw new StateError(
        `${dir} is not an fstream state directory (it holds other files and no ${MARKER_FILE}); ` + 'give --state an empty or new directory',
      );
    }
    // Through a temporary file and a rename: a kill -9 here must not leave an empty marker.
    replaceMarker(dir, false);
    return { committed: false };
  }
  const { committed, hasData, format } = inspectStateDir(dir);
  const data = join(dir, 'data.mdb');
  if (!committed) {
    // Nothing was ever committed here (a run was killed while creating it): start it afresh.
    try {
      if (format !== FORMAT) throw new Error('another format');
      if (hasData) checkLmdbFile(data, dir);
    } catch {
      rmSync(data, { force: true });
      rmSync(join(dir, 'lock.mdb'), { force: true });
      replaceMarker(dir, false);
    }
    return { committed };
  }
  checkLmdbFile(data, dir);
  return { committed };
}

/**
 * Reads what the marker of `dir` says, without writing anything. Throws `StateError` when the
 * marker is unreadable, or a committed directory has another format or no data.mdb.
 */
export function inspectStateDir(dir: string): StateDirInfo {
  let marker: { format?: unknown; committed?: unknown };
  try {
    marker = JSON.parse(readFileSync(join(dir, MARKER_FILE), 'utf8')) as typeof marker;
    if (typeof marker !== 'object' || marker === null) throw new Error('not an object');
  } catch (err) {
    throw corruptState(dir, `${MARKER_FILE} is unreadable`, err);
  }
  const { format } = marker;
  const committed = marker.committed !== false;
  const data = join(dir, 'data.mdb');
  const hasData = existsSync(data) && statSync(data).size > 0;
  // Before the first commit there is nothing that could be misread.
  if (!committed) return { committed, hasData, format };
  if (typeof format !== 'number') throw corruptState(dir, `${MARKER_FILE} has no format`);
  if (format < FORMAT) {
    throw new StateError(
      `the state directory ${dir} was written by an older fstream (state format ${format}; this one reads format ${FORMAT}); ${startFresh(dir)}`,
    );
  }
  if (format > FORMAT) {
    throw new StateError(
      `the state directory ${dir} was written by a newer fstream (state format ${format}; this one reads format ${FORMAT}); use that version, or start fresh: \`fstream state rm ${dir}\``,
    );
  }
  if (!hasData) throw corruptState(dir, 'data.mdb is missing or empty');
  return { committed, hasData, format };
}

/** Records in the marker that a checkpoint was committed: from now on a broken data.mdb is corruption. */
export function markCommitted(dir: string): void {
  replaceMarker(dir, true);
}

function replaceMarker(dir: string, committed: boolean): void {
  const marker = join(dir, MARKER_FILE);
  const tmp = marker + '.tmp';
  rmSync(tmp, { force: true });
  writeMarker(tmp, committed);
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

/** A write refused by the file system, said plainly; other errors pass through. */
function writeError(dir: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') return err;
  const why = code === 'EROFS' ? 'it is on a read-only file system' : 'permission denied';
  return new StateError(
    `the state directory ${dir} is not writable (${why}); a run with --state writes its checkpoints there (\`fstream state ls ${dir}\` can read it)`,
    { cause: err },
  );
}
