/**
 * The on-disk format of an LMDB `data.mdb` as the lmdb package (3.x, its liblmdb 0.9.90 with data
 * format version 2) writes it on a 64-bit little-endian machine; see `mdb.c`: `MDB_page_header`,
 * `MDB_node`, `MDB_db`, `MDB_meta`. All offsets are in bytes.
 *
 * Page 0 and 1 are meta pages; a transaction writes meta page `txnid % 2`, and readers use the
 * one with the larger txnid. Every other page is a branch, leaf or overflow page of one of two
 * B+trees the meta page roots: the free-page tree and the main tree.
 */

/** Page header: pgno u64 @0, txnid u64 @8, pad u16 @16, flags u16 @18, then lower u16 @20 and
 * upper u16 @22 (free space bounds, relative to the end of the header) or, on an overflow
 * page, its page count u32 @20. */
export const PAGE_HEADER = 24;
export const P_BRANCH = 0x01;
export const P_LEAF = 0x02;
export const P_OVERFLOW = 0x04;
export const P_META = 0x08;

/** A node (in a branch or leaf page, at header + its mp_ptrs[i]): lo u16 @0, hi u16 @2, flags
 * u16 @4, key size u16 @6, then the key, then the data. A branch node's child page number is
 * lo | hi << 16 | flags << 32; a leaf node's data size is lo | hi << 16. */
export const NODE_HEADER = 8;
/** Leaf node flag: the data is an `MDB_ovpage` (pgno u64, txnid u64, page count u64) naming an
 * overflow page run that holds the value after its page header. */
export const F_BIGDATA = 0x01;
export const OVPAGE_REF = 24;

/** The meta page, from the end of the page header. */
export const MAGIC = 0xbeefc0de;
export const DATA_VERSION = 2;
export const META_BYTES = PAGE_HEADER + 144;
const M_MAGIC = PAGE_HEADER;
const M_VERSION = PAGE_HEADER + 4;
const M_DBS = PAGE_HEADER + 24;
const M_LAST_PAGE = PAGE_HEADER + 120;
const M_TXNID = PAGE_HEADER + 128;
/** `MDB_db`: pad u32 @0 (the page size, in the free tree's copy), flags u16 @4, depth u16 @6,
 * branch/leaf/overflow page counts u64 @8/@16/@24, entries u64 @32, root pgno u64 @40. */
const DB_BYTES = 48;

/** The root of an empty tree. */
export const NO_PAGE = 0xffff_ffff_ffff_ffffn;
/** Deepest tree LMDB can walk (its CURSOR_STACK); deeper trees make it fail. */
export const MAX_DEPTH = 32;
/** MDB_INTEGERKEY: the free-page tree's keys are native u64 txnids. */
export const MDB_INTEGERKEY = 0x08;

/** One tree's root and statistics as its meta page records them. */
export interface TreeInfo {
  flags: number;
  depth: number;
  branchPages: bigint;
  leafPages: bigint;
  overflowPages: bigint;
  entries: bigint;
  root: bigint;
}

export interface MetaPage {
  pageSize: number;
  /** The last page number in use (the file may be shorter: trailing pages may be free). */
  lastPage: bigint;
  txnId: bigint;
  free: TreeInfo;
  main: TreeInfo;
}

/** Parses the meta page in `buf` (at least META_BYTES long); null when it is not one. */
export function parseMeta(buf: Buffer, pgno: number): MetaPage | null {
  if (buf.readBigUInt64LE(0) !== BigInt(pgno) || (buf.readUInt16LE(18) & P_META) === 0) return null;
  if (buf.readUInt32LE(M_MAGIC) !== MAGIC || (buf.readUInt32LE(M_VERSION) & 0xffff) !== DATA_VERSION) return null;
  const pageSize = buf.readUInt32LE(M_DBS);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return null;
  return {
    pageSize,
    lastPage: buf.readBigUInt64LE(M_LAST_PAGE),
    txnId: buf.readBigUInt64LE(M_TXNID),
    free: tree(buf, M_DBS),
    main: tree(buf, M_DBS + DB_BYTES),
  };
}

function tree(buf: Buffer, at: number): TreeInfo {
  return {
    flags: buf.readUInt16LE(at + 4),
    depth: buf.readUInt16LE(at + 6),
    branchPages: buf.readBigUInt64LE(at + 8),
    leafPages: buf.readBigUInt64LE(at + 16),
    overflowPages: buf.readBigUInt64LE(at + 24),
    entries: buf.readBigUInt64LE(at + 32),
    root: buf.readBigUInt64LE(at + 40),
  };
}

/** The meta page LMDB reads from: the one with the larger txnid, page 0 on a tie. */
export function newestMeta(m0: MetaPage, m1: MetaPage): MetaPage {
  return m0.txnId >= m1.txnId ? m0 : m1;
}
