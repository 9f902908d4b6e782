import { fstatSync, readSync } from 'node:fs';
import {
  F_BIGDATA,
  MAX_DEPTH,
  META_BYTES,
  MDB_INTEGERKEY,
  NODE_HEADER,
  NO_PAGE,
  OVPAGE_REF,
  PAGE_HEADER,
  P_BRANCH,
  P_LEAF,
  P_OVERFLOW,
  newestMeta,
  parseMeta,
  type MetaPage,
  type TreeInfo,
} from './lmdb-format.js';

/** What is wrong with a data.mdb, in words (callers name the directory). */
export class LmdbDamage extends Error {}

/** Where a record's value is: its bytes (stored in the leaf), or an overflow run's first page. */
export type ValueAt = Buffer | { page: number; size: number };

/** A record of the main tree: its key bytes and where its value is. */
export interface StoredRecord {
  key: Buffer;
  value: ValueAt;
}

export interface LmdbFileWalk {
  meta: MetaPage;
  /** The main tree's records in key order, when asked for. */
  records: StoredRecord[];
}

type Compare = (a: Buffer, b: Buffer) => number;
const byBytes: Compare = (a, b) => Buffer.compare(a, b);
const byU64: Compare = (a, b) => {
  const x = a.readBigUInt64LE(0);
  const y = b.readBigUInt64LE(0);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Reads and checks everything LMDB can reach in a data.mdb from its newest meta page, with plain
 * reads (nothing is mapped): LMDB keeps no checksums and follows page numbers, node offsets and
 * sizes as it finds them, so a damaged page makes it read outside its mapping (SIGBUS, SIGSEGV),
 * abort on an assertion, or print to stderr. After this walk succeeds, every page either tree
 * reaches is in the file and is of the kind its parent expects, at the depth the meta page
 * records; every node and key lies inside its page; keys are in order, within the bounds their
 * branch keys set; every overflow run lies in the file; no page is reached twice (no cycles);
 * page, record and depth counts match the meta page; and the free-page lists only name pages
 * that no tree uses. Damage inside a value is not detected here: the backend checksums values.
 * Throws `LmdbDamage`.
 */
export function walkLmdbFile(fd: number, opts: { records: boolean }): LmdbFileWalk {
  const size = fstatSync(fd).size;
  const meta = readNewestMeta(fd, size);
  const walker = new TreeWalker(fd, meta, Math.floor(size / meta.pageSize), size, opts.records);
  walker.walk('free', meta.free, byU64, 8);
  walker.walk('main', meta.main, byBytes, 0);
  walker.checkFreeLists();
  return { meta, records: walker.records };
}

/** The meta page LMDB would use, after checking both. Throws `LmdbDamage`. */
export function readNewestMeta(fd: number, size: number): MetaPage {
  if (size < META_BYTES) throw new LmdbDamage(`data.mdb is truncated (${size} bytes)`);
  const buf = Buffer.alloc(META_BYTES);
  readSync(fd, buf, 0, META_BYTES, 0);
  const m0 = parseMeta(buf, 0);
  if (m0 === null) throw new LmdbDamage('data.mdb is not an LMDB file of this version, or its first page is damaged');
  if (size < 2 * m0.pageSize) throw new LmdbDamage(`data.mdb is truncated (${size} bytes)`);
  readSync(fd, buf, 0, META_BYTES, m0.pageSize);
  const m1 = parseMeta(buf, 1);
  if (m1 === null || m1.pageSize !== m0.pageSize) throw new LmdbDamage('data.mdb has a damaged meta page');
  return newestMeta(m0, m1);
}

/** Reads a value the walk located. Throws `LmdbDamage` when the file ends first. */
export function readValue(fd: number, pageSize: number, at: ValueAt): Buffer {
  if (Buffer.isBuffer(at)) return at;
  const buf = Buffer.allocUnsafe(at.size);
  if (readSync(fd, buf, 0, at.size, at.page * pageSize + PAGE_HEADER) !== at.size) throw new LmdbDamage('data.mdb is truncated');
  return buf;
}

interface Counts {
  branch: bigint;
  leaf: bigint;
  overflow: bigint;
  entries: bigint;
}

class TreeWalker {
  readonly records: StoredRecord[] = [];
  private readonly used: Uint8Array;
  private readonly psize: number;
  private readonly last: number;
  /** One page buffer per tree level: a page stays readable while its subtree is walked. */
  private readonly levels: Buffer[] = [];
  private readonly freeLists: ValueAt[] = [];

  constructor(
    private readonly fd: number,
    private readonly meta: MetaPage,
    private readonly pages: number,
    private readonly size: number,
    private readonly keep: boolean,
  ) {
    this.used = new Uint8Array(pages);
    this.psize = meta.pageSize;
    this.last = meta.lastPage > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(meta.lastPage);
  }

  walk(name: 'free' | 'main', tree: TreeInfo, compare: Compare, keySize: number): void {
    const bad = (what: string): LmdbDamage => new LmdbDamage(`data.mdb has a damaged ${name} tree: ${what}`);
    // fstream's main tree has no flags; the free tree's field also holds LMDB's environment flags.
    if (name === 'main' ? tree.flags !== 0 : (tree.flags & MDB_INTEGERKEY) === 0) throw bad(`unexpected flags ${tree.flags}`);
    const counts: Counts = { branch: 0n, leaf: 0n, overflow: 0n, entries: 0n };
    if (tree.root === NO_PAGE) {
      if (tree.depth !== 0 || tree.entries !== 0n) throw bad('an empty tree with entries');
    } else {
      if (tree.depth < 1 || tree.depth > MAX_DEPTH) throw bad(`depth ${tree.depth}`);
      const ctx: Ctx = { name, depth: tree.depth, compare, keySize, counts, bad };
      this.visit(ctx, this.pageNumber(tree.root, bad), 1, null, null);
    }
    if (counts.branch !== tree.branchPages || counts.leaf !== tree.leafPages || counts.overflow !== tree.overflowPages || counts.entries !== tree.entries) {
      throw bad('its page or record counts differ from the meta page');
    }
  }

  /** Pages freed in the past, listed by txnid: `[n, entries...]` of u64, where an entry is a page
   * number, or `-k` followed by the first page number of a run of k pages, or 0 (unused slot). */
  checkFreeLists(): void {
    const bad = (what: string): LmdbDamage => new LmdbDamage(`data.mdb has a damaged free-page list: ${what}`);
    for (const at of this.freeLists) {
      const v = readValue(this.fd, this.psize, at);
      if (v.length < 8 || v.length % 8 !== 0) throw bad(`a record of ${v.length} bytes`);
      const n = v.readBigUInt64LE(0);
      if (n > BigInt(v.length / 8 - 1)) throw bad('a record longer than its value');
      for (let i = 1; i <= Number(n); i++) {
        const e = v.readBigInt64LE(i * 8);
        if (e === 0n) continue;
        let first = e;
        let count = 1n;
        if (e < 0n) {
          if (i === Number(n)) break;
          count = -e;
          first = v.readBigInt64LE(++i * 8);
        }
        if (first < 2n || count > BigInt(this.last) || first + count - 1n > BigInt(this.last)) throw bad(`page ${first} is out of range`);
        const end = Math.min(Number(first + count), this.pages);
        for (let p = Number(first); p < end; p++) if (this.used[p] !== 0) throw bad(`page ${p} is both free and in use`);
      }
    }
  }

  private visit(ctx: Ctx, pgno: number, level: number, lo: Buffer | null, hi: Buffer | null): void {
    const page = this.readPage(ctx, pgno, level);
    const flags = page.readUInt16LE(18) & 0x7f;
    const isLeaf = level === ctx.depth;
    if (flags !== (isLeaf ? P_LEAF : P_BRANCH))
      throw ctx.bad(`page ${pgno} is not the ${isLeaf ? 'leaf' : 'branch'} page expected at depth ${level} (flags ${flags})`);
    const lower = page.readUInt16LE(20);
    const upper = page.readUInt16LE(22);
    const n = lower >> 1;
    const min = isLeaf ? 1 : ctx.name === 'main' ? 2 : 1;
    if (lower % 2 !== 0 || lower > upper || PAGE_HEADER + upper > this.psize || n < min) throw ctx.bad(`page ${pgno} has a damaged header`);
    if (isLeaf) ctx.counts.leaf++;
    else ctx.counts.branch++;
    let prev: Buffer | null = null;
    for (let i = 0; i < n; i++) {
      const at = PAGE_HEADER + page.readUInt16LE(PAGE_HEADER + 2 * i);
      if (at < PAGE_HEADER + upper || at + NODE_HEADER > this.psize) throw ctx.bad(`page ${pgno} has a node outside it`);
      const ksize = page.readUInt16LE(at + 6);
      const keyEnd = at + NODE_HEADER + ksize;
      if (keyEnd > this.psize) throw ctx.bad(`page ${pgno} has a key outside it`);
      const key = page.subarray(at + NODE_HEADER, keyEnd);
      const lo16 = page.readUInt16LE(at);
      const hi16 = page.readUInt16LE(at + 2);
      const nflags = page.readUInt16LE(at + 4);
      // A branch page's first key is not used: its child holds everything below the second.
      if (isLeaf || i > 0) {
        if (ksize === 0 || (ctx.keySize > 0 && ksize !== ctx.keySize)) throw ctx.bad(`page ${pgno} has a key of ${ksize} bytes`);
        if ((prev !== null && ctx.compare(prev, key) >= 0) || (lo !== null && ctx.compare(key, lo) < 0) || (hi !== null && ctx.compare(key, hi) >= 0)) {
          throw ctx.bad(`page ${pgno} has keys out of order`);
        }
        prev = key;
      }
      if (!isLeaf) {
        const child = lo16 + hi16 * 0x10000 + nflags * 0x1_0000_0000;
        const next = i + 1 < n ? this.branchKey(ctx, page, pgno, i + 1) : hi;
        this.visit(ctx, this.pageNumber(BigInt(child), ctx.bad), level + 1, i === 0 ? lo : key, next);
        continue;
      }
      ctx.counts.entries++;
      const dsize = lo16 + hi16 * 0x10000;
      let value: ValueAt;
      if (nflags === 0) {
        if (keyEnd + dsize > this.psize) throw ctx.bad(`page ${pgno} has a value outside it`);
        if (!this.keep && ctx.name === 'main') continue;
        value = Buffer.from(page.subarray(keyEnd, keyEnd + dsize));
      } else if (nflags === F_BIGDATA) {
        if (keyEnd + OVPAGE_REF > this.psize) throw ctx.bad(`page ${pgno} has a value outside it`);
        const first = this.pageNumber(page.readBigUInt64LE(keyEnd), ctx.bad);
        const count = page.readBigUInt64LE(keyEnd + 16);
        this.overflow(ctx, first, count, dsize);
        value = { page: first, size: dsize };
      } else throw ctx.bad(`page ${pgno} has a node with flags ${nflags}`);
      if (ctx.name === 'free') this.freeLists.push(value);
      else if (this.keep) this.records.push({ key: Buffer.from(key), value });
    }
  }

  private branchKey(ctx: Ctx, page: Buffer, pgno: number, i: number): Buffer {
    const at = PAGE_HEADER + page.readUInt16LE(PAGE_HEADER + 2 * i);
    const keyEnd = at + NODE_HEADER + (at + NODE_HEADER <= this.psize ? page.readUInt16LE(at + 6) : 0);
    if (at + NODE_HEADER > this.psize || keyEnd > this.psize) throw ctx.bad(`page ${pgno} has a node outside it`);
    return page.subarray(at + NODE_HEADER, keyEnd);
  }

  /** An overflow run: `count` pages from `first`, holding `dsize` bytes after its header. */
  private overflow(ctx: Ctx, first: number, count: bigint, dsize: number): void {
    if (count < 1n || BigInt(first) + count - 1n > BigInt(this.last)) throw ctx.bad(`an overflow run at page ${first} is out of range`);
    const n = Number(count);
    if (first + n > this.pages) throw new LmdbDamage(`data.mdb is truncated (${this.size} bytes; pages ${first}-${first + n - 1} are missing)`);
    if (dsize > n * this.psize - PAGE_HEADER) throw ctx.bad(`an overflow run at page ${first} is shorter than its value`);
    const head = Buffer.alloc(PAGE_HEADER);
    readSync(this.fd, head, 0, PAGE_HEADER, first * this.psize);
    if (
      head.readBigUInt64LE(0) !== BigInt(first) ||
      (head.readUInt16LE(18) & 0x7f) !== P_OVERFLOW ||
      head.readUInt32LE(20) !== n ||
      head.readBigUInt64LE(8) > this.meta.txnId
    ) {
      throw ctx.bad(`page ${first} is not the overflow page expected`);
    }
    for (let p = first; p < first + n; p++) {
      if (this.used[p] !== 0) throw ctx.bad(`page ${p} is used twice`);
      this.used[p] = 1;
    }
    ctx.counts.overflow += count;
  }

  /** Checks a page number from the file: past the meta pages, within the last page in use. */
  private pageNumber(p: bigint, bad: (what: string) => LmdbDamage): number {
    if (p < 2n || p > BigInt(this.last)) throw bad(`page number ${p} is out of range`);
    return Number(p);
  }

  private readPage(ctx: Ctx, pgno: number, level: number): Buffer {
    if (pgno >= this.pages) throw new LmdbDamage(`data.mdb is truncated (${this.size} bytes; page ${pgno} is missing)`);
    if (this.used[pgno] !== 0) throw ctx.bad(`page ${pgno} is reached twice`);
    this.used[pgno] = 1;
    const page = (this.levels[level] ??= Buffer.alloc(this.psize));
    readSync(this.fd, page, 0, this.psize, pgno * this.psize);
    if (page.readBigUInt64LE(0) !== BigInt(pgno) || page.readBigUInt64LE(8) > this.meta.txnId) throw ctx.bad(`page ${pgno} is not the page expected`);
    return page;
  }
}

interface Ctx {
  name: 'free' | 'main';
  depth: number;
  compare: Compare;
  keySize: number;
  counts: Counts;
  bad: (what: string) => LmdbDamage;
}
