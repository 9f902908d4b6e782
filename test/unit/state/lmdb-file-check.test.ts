import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLmdbFile } from '../../../src/engine/state/lmdb-file-check.js';
import { openLmdbBackend } from '../../../src/engine/state/lmdb-backend.js';
import { StateError } from '../../../src/engine/state/state-error.js';
import { LmdbPages } from './lmdb-pages.js';

let dir: string;
let file: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'fstream-walk-')), 'state');
  file = join(dir, 'data.mdb');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

/** `n` more checkpoints of all 128 key groups, ~700 KB each (a main tree of depth 2); older ones
 * are dropped, so pages are freed. */
async function populate(n = 3, retain = 1): Promise<void> {
  const b = await openLmdbBackend(dir, { retain });
  const first = (b.latest()?.id ?? 0) + 1;
  for (let id = first; id < first + n; id++) {
    const w = b.begin(id, 'p');
    for (let kg = 0; kg < 128; kg++) {
      await w.putGroupEntries(
        kg,
        Array.from({ length: 50 + (id % 5) * 10 }, (_, i) => ({ key: `key-${kg}-${i}`, accs: [i, 'x'.repeat(60)] })),
      );
    }
    w.putSinkPending({ id });
    await w.commit();
  }
  await b.close();
}

/** The file is refused before LMDB maps it, with a corruption message naming the directory. */
async function expectRefused(pattern: RegExp): Promise<void> {
  expect(() => checkLmdbFile(file, dir)).toThrow(pattern);
  const err = await openLmdbBackend(dir).then(
    async (b) => {
      await b.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StateError);
  expect((err as StateError).message).toMatch(new RegExp(`^the state directory ${dir} is corrupt: `));
  expect((err as StateError).message).toMatch(pattern);
}

describe('the data.mdb check: every page LMDB can reach is sound before LMDB maps the file', () => {
  it('passes the files LMDB writes, after many checkpoints and with several kept', async () => {
    await populate(12, 1);
    checkLmdbFile(file, dir);
    await populate(6, 3);
    checkLmdbFile(file, dir);
    expect(new LmdbPages(file).meta.main.depth).toBeGreaterThanOrEqual(2);
  });

  it('a zeroed root page', async () => {
    await populate();
    const f = new LmdbPages(file);
    f.buf.fill(0, f.offset(Number(f.meta.main.root)), f.offset(Number(f.meta.main.root) + 1));
    f.save();
    await expectRefused(/main tree: page \d+ is not the page expected/);
  });

  it('a branch node pointing past the end of the file', async () => {
    await populate();
    const f = new LmdbPages(file);
    f.setChild(f.nodes(Number(f.meta.main.root))[1]!, f.buf.length / f.pageSize + 5);
    f.save();
    await expectRefused(/page number \d+ is out of range|truncated/);
  });

  it('a branch node pointing back at its own page (a cycle)', async () => {
    await populate();
    const f = new LmdbPages(file);
    const root = Number(f.meta.main.root);
    f.setChild(f.nodes(root)[1]!, root);
    f.save();
    await expectRefused(/reached twice/);
  });

  it('a node offset outside its page', async () => {
    await populate();
    const f = new LmdbPages(file);
    f.buf.writeUInt16LE(0xfff0, f.offset(f.firstLeaf()) + 24);
    f.save();
    await expectRefused(/a node outside it/);
  });

  it('a key size running past its page', async () => {
    await populate();
    const f = new LmdbPages(file);
    f.buf.writeUInt16LE(0xffff, f.nodes(f.firstLeaf())[0]!.at + 6);
    f.save();
    await expectRefused(/a key outside it/);
  });

  it('a value size running past its page', async () => {
    await populate();
    const f = new LmdbPages(file);
    const latest = f.leafWithKey('latest');
    f.buf.writeUInt16LE(0x7fff, latest.at);
    f.save();
    await expectRefused(/a value outside it/);
  });

  it('keys out of order', async () => {
    await populate();
    const f = new LmdbPages(file);
    const o = f.offset(f.firstLeaf()) + 24;
    const [a, b] = [f.buf.readUInt16LE(o), f.buf.readUInt16LE(o + 2)];
    f.buf.writeUInt16LE(b, o);
    f.buf.writeUInt16LE(a, o + 2);
    f.save();
    await expectRefused(/keys out of order/);
  });

  it('a leaf page where a branch page belongs', async () => {
    await populate();
    const f = new LmdbPages(file);
    f.buf.writeUInt16LE(2, f.offset(Number(f.meta.main.root)) + 18);
    f.save();
    await expectRefused(/is not the branch page expected/);
  });

  it('an overflow run past the end of the file, or with a damaged header', async () => {
    await populate();
    const f = new LmdbPages(file);
    const big = f.leafNodes().find((n) => n.flags === 1)!;
    const pages = f.buf.readBigUInt64LE(big.data + 16);
    f.buf.writeBigUInt64LE(BigInt(f.buf.length / f.pageSize), big.data + 16);
    f.save();
    await expectRefused(/overflow run at page \d+ is out of range|truncated/);
    f.buf.writeBigUInt64LE(pages, big.data + 16);
    f.buf.fill(0xff, f.offset(Number(f.buf.readBigUInt64LE(big.data))), f.offset(Number(f.buf.readBigUInt64LE(big.data))) + 24);
    f.save();
    await expectRefused(/is not the overflow page expected/);
  });

  it('a free-page list that names a page in use', async () => {
    await populate(4);
    const f = new LmdbPages(file);
    expect(f.meta.free.depth).toBe(1);
    const freeLeaf = Number(f.meta.free.root);
    const rec = f.nodes(freeLeaf).find((n) => n.flags === 0 && f.buf.readBigUInt64LE(n.data) > 0n)!;
    f.buf.writeBigInt64LE(f.meta.main.root, rec.data + 8);
    f.save();
    await expectRefused(/free-page list: page \d+ is both free and in use/);
  });

  it('meta page counts that do not match the tree', async () => {
    await populate();
    const f = new LmdbPages(file);
    const metaAt = f.meta.txnId % 2n === 0n ? 0 : f.pageSize;
    f.buf.writeBigUInt64LE(f.meta.main.entries + 1n, metaAt + 24 + 24 + 48 + 32);
    f.save();
    await expectRefused(/counts differ from the meta page/);
  });

  it('a file cut short inside the tree', async () => {
    await populate();
    const f = new LmdbPages(file);
    const leaf = f.firstLeaf();
    truncateSync(file, f.offset(leaf));
    await expectRefused(/truncated/);
  });
});
