import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StateError, startFresh } from './state-error.js';

const MAGIC = 0xbeefc0de;
const PAGE_HEADER = 24;
const META_BYTES = PAGE_HEADER + 144;

interface Meta {
  version: number;
  pageSize: number;
  lastPage: bigint;
  txnId: bigint;
  roots: bigint[];
}

/**
 * Checks the two meta pages of an LMDB `data.mdb` before LMDB maps it: LMDB trusts its file and a
 * truncated or overwritten one crashes the process (SIGBUS, SIGSEGV) instead of failing. Checks
 * the magic, the page size, and that the file holds the root pages the newest meta page refers to.
 * Throws `StateError`. Damage inside B-tree pages is not detected here (LMDB keeps no checksums);
 * LMDB reports some of it as MDB_CORRUPTED, which the backend turns into a `StateError` too.
 */
export function checkLmdbFile(file: string, dir: string): void {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bad = (what: string): StateError =>
      new StateError(`the state directory ${dir} is corrupt: ${what}; ${startFresh(dir)}`);
    if (size < META_BYTES) throw bad(`data.mdb is truncated (${size} bytes)`);
    const m0 = readMeta(fd, 0);
    if (m0 === null) throw bad('data.mdb is not an LMDB file (bad magic number)');
    if (size < 2 * m0.pageSize) throw bad(`data.mdb is truncated (${size} bytes)`);
    const m1 = readMeta(fd, m0.pageSize);
    if (m1 === null) throw bad('data.mdb has a damaged meta page');
    const newest = m1.txnId > m0.txnId ? m1 : m0;
    const pages = BigInt(Math.floor(size / m0.pageSize));
    for (const root of newest.roots) {
      if (root === 0xffffffffffffffffn) continue;
      if (root > newest.lastPage) throw bad('data.mdb has a damaged meta page');
      // The pages the newest meta refers to must exist. (Its last page number may run past the
      // end of the file after a kill: LMDB allocates pages it does not always write, and reads
      // such files fine; a file cut short loses the roots, which CoW writes last.)
      if (root >= pages) throw bad(`data.mdb is truncated (${size} bytes, its root page ${root} is missing)`);
    }
  } finally {
    closeSync(fd);
  }
}

/** The meta page at `offset`, or null when its magic or page size is wrong. */
function readMeta(fd: number, offset: number): Meta | null {
  const buf = Buffer.alloc(META_BYTES);
  if (readSync(fd, buf, 0, META_BYTES, offset) < META_BYTES) return null;
  if (buf.readUInt32LE(PAGE_HEADER) !== MAGIC) return null;
  const pageSize = buf.readUInt32LE(PAGE_HEADER + 24);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  return {
    version: buf.readUInt32LE(PAGE_HEADER + 4),
    pageSize,
    roots: [buf.readBigUInt64LE(PAGE_HEADER + 64), buf.readBigUInt64LE(PAGE_HEADER + 112)],
    lastPage: buf.readBigUInt64LE(PAGE_HEADER + 120),
    txnId: buf.readBigUInt64LE(PAGE_HEADER + 128),
  };
}
