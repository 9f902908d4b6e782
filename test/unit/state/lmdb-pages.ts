import { readFileSync, writeFileSync } from 'node:fs';

// LMDB's on-disk format (mdb.c of the lmdb package, 64-bit), written out here independently of
// the code under test.
const PAGE_HEADER = 24;
const NODE_HEADER = 8;

interface TreeInfo {
  depth: number;
  entries: bigint;
  root: bigint;
}

interface MetaPage {
  pageSize: number;
  txnId: bigint;
  free: TreeInfo;
  main: TreeInfo;
}

function readMeta(buf: Buffer, at: number): MetaPage {
  const tree = (o: number): TreeInfo => ({ depth: buf.readUInt16LE(o + 6), entries: buf.readBigUInt64LE(o + 32), root: buf.readBigUInt64LE(o + 40) });
  return { pageSize: buf.readUInt32LE(at + 48), txnId: buf.readBigUInt64LE(at + 152), free: tree(at + 48), main: tree(at + 96) };
}

/** A node of a branch or leaf page, by byte offsets into the file. */
export interface Node {
  /** Offset of the node header. */
  at: number;
  key: Buffer;
  flags: number;
  /** Offset of the node's data (after the key). */
  data: number;
}

/**
 * A data.mdb held in memory for targeted damage in tests: find pages and nodes by LMDB's
 * on-disk format, change bytes, write it back.
 */
export class LmdbPages {
  readonly buf: Buffer;
  readonly meta: MetaPage;

  constructor(readonly file: string) {
    this.buf = readFileSync(file);
    const m0 = readMeta(this.buf, 0);
    const m1 = readMeta(this.buf, m0.pageSize);
    this.meta = m0.txnId >= m1.txnId ? m0 : m1;
  }

  get pageSize(): number {
    return this.meta.pageSize;
  }

  offset(pgno: number): number {
    return pgno * this.pageSize;
  }

  flags(pgno: number): number {
    return this.buf.readUInt16LE(this.offset(pgno) + 18);
  }

  nodes(pgno: number): Node[] {
    const o = this.offset(pgno);
    const n = this.buf.readUInt16LE(o + 20) >> 1;
    return Array.from({ length: n }, (_, i) => {
      const at = o + PAGE_HEADER + this.buf.readUInt16LE(o + PAGE_HEADER + 2 * i);
      const ksize = this.buf.readUInt16LE(at + 6);
      return { at, key: this.buf.subarray(at + NODE_HEADER, at + NODE_HEADER + ksize), flags: this.buf.readUInt16LE(at + 4), data: at + NODE_HEADER + ksize };
    });
  }

  /** The child page of a branch node. */
  child(node: Node): number {
    return this.buf.readUInt16LE(node.at) + this.buf.readUInt16LE(node.at + 2) * 0x10000 + node.flags * 0x1_0000_0000;
  }

  setChild(node: Node, pgno: number): void {
    this.buf.writeUInt16LE(pgno & 0xffff, node.at);
    this.buf.writeUInt16LE(Math.floor(pgno / 0x10000) & 0xffff, node.at + 2);
    this.buf.writeUInt16LE(Math.floor(pgno / 0x1_0000_0000), node.at + 4);
  }

  /** The leftmost leaf page of the main tree. */
  firstLeaf(): number {
    let p = Number(this.meta.main.root);
    while (this.flags(p) & 1) p = this.child(this.nodes(p)[0]!);
    return p;
  }

  /** Every leaf node of the main tree, in key order. */
  leafNodes(root = Number(this.meta.main.root)): Node[] {
    if (this.flags(root) & 1) return this.nodes(root).flatMap((n) => this.leafNodes(this.child(n)));
    return this.nodes(root);
  }

  /** The leaf node whose key bytes contain `text`. */
  leafWithKey(text: string): Node {
    const node = this.leafNodes().find((n) => n.key.includes(text));
    if (!node) throw new Error(`no key with ${text}`);
    return node;
  }

  save(): void {
    writeFileSync(this.file, this.buf);
  }
}
