import { closeSync, fstatSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordView } from './checkpoint-records.js';
import { LmdbDamage, readNewestMeta, readValue, walkLmdbFile } from './lmdb-file-walk.js';
import type { Key } from './lmdb-layout.js';
import { StateError, corruptState } from './state-error.js';

/** A record read from the file; `value` is absent when it was not asked for. */
interface SnapshotRecord {
  key: Key;
  bytes: Buffer;
  value: Buffer | undefined;
}

export interface KeyCodec {
  encode(key: Key): Buffer;
  decode(bytes: Buffer): Key;
}

const ATTEMPTS = 6;

/**
 * Reads the newest committed state of `dir`'s data.mdb with plain reads, without LMDB: nothing
 * is mapped, locked, written or created, so it works on a read-only file system and beside a
 * running job. The file is checked as a whole first (`walkLmdbFile`), and values are read only
 * for the keys `want` accepts. A job that commits while the file is read may reuse the pages
 * being read: the read is repeated until no commit happened during it. Throws `StateError`.
 */
export async function readFileSnapshot(dir: string, codec: KeyCodec, want: (key: Key) => boolean): Promise<RecordView> {
  const file = join(dir, 'data.mdb');
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const fd = openSync(file, 'r');
    try {
      const before = txnOf(fd);
      let records: SnapshotRecord[] | null = null;
      let damage: LmdbDamage | null = null;
      try {
        records = readRecords(fd, codec, want);
      } catch (err) {
        if (!(err instanceof LmdbDamage)) throw err;
        damage = err;
      }
      // Unchanged meta pages: no commit happened during the read, so what it found is the file's.
      if (txnOf(fd) === before) {
        if (damage) throw corruptState(dir, damage.message, damage);
        return snapshotView(records!, codec);
      }
    } finally {
      closeSync(fd);
    }
    await new Promise((r) => setTimeout(r, 20 * attempt));
  }
  throw new StateError(`the state directory ${dir} changed each time it was read (a running job is writing to it); try again`);
}

/** The txnid of the newest meta page, or null when the meta pages are unreadable. */
function txnOf(fd: number): bigint | null {
  try {
    return readNewestMeta(fd, fstatSync(fd).size).txnId;
  } catch (err) {
    if (err instanceof LmdbDamage) return null;
    throw err;
  }
}

function readRecords(fd: number, codec: KeyCodec, want: (key: Key) => boolean): SnapshotRecord[] {
  const walk = walkLmdbFile(fd, { records: true });
  return walk.records.map((r) => {
    let key: Key;
    try {
      key = codec.decode(r.key);
    } catch {
      throw new LmdbDamage('data.mdb holds a key fstream did not write');
    }
    return { key, bytes: r.key, value: want(key) ? readValue(fd, walk.meta.pageSize, r.value) : undefined };
  });
}

/** A view of records sorted by their key bytes (LMDB's order). */
function snapshotView(records: SnapshotRecord[], codec: KeyCodec): RecordView {
  /** The index of the first record whose key is not below `key`. */
  const lowerBound = (key: Key): number => {
    const bytes = codec.encode(key);
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Buffer.compare(records[mid]!.bytes, bytes) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const valueOfRecord = (r: SnapshotRecord): Buffer => {
    if (r.value === undefined) throw new Error(`the value of ${JSON.stringify(r.key)} was not read`);
    return r.value;
  };
  const slice = (start: Key, end: Key): SnapshotRecord[] => records.slice(lowerBound(start), lowerBound(end));
  return {
    get(key) {
      const r = records[lowerBound(key)];
      return r?.bytes.equals(codec.encode(key)) ? valueOfRecord(r) : undefined;
    },
    range: (start, end) => slice(start, end).map((r) => ({ key: r.key, value: valueOfRecord(r) })),
    keys: (start, end) => slice(start, end).map((r) => r.key),
  };
}
