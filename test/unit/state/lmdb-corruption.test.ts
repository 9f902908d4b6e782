import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from 'lmdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLmdbBackend } from '../../../src/engine/state/lmdb-backend.js';
import { StateError } from '../../../src/engine/state/state-error.js';
import { LmdbPages } from './lmdb-pages.js';

let dir: string;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'fstream-corrupt-')), 'state');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

/** Two checkpoints of ~300 KB, the second one latest. */
async function populate(): Promise<void> {
  const b = await openLmdbBackend(dir);
  for (const id of [1, 2]) {
    const w = b.begin(id, 'p');
    for (let kg = 0; kg < 8; kg++) {
      await w.putGroupEntries(
        kg,
        Array.from({ length: 300 }, (_, i) => [`key-${kg}-${i}`, 'x'.repeat(100)]),
      );
    }
    w.putSinkPending({ id });
    await w.commit();
  }
  await b.close();
}

/** Edits the raw environment (as damage from outside would). */
async function tamper(fn: (db: ReturnType<typeof open<unknown, (string | number)[]>>) => void): Promise<void> {
  const db = open<unknown, (string | number)[]>({ path: dir, encoder: { moreTypes: true } });
  db.transactionSync(() => fn(db));
  await db.close();
}

async function expectStateError(pattern: RegExp): Promise<void> {
  let err: unknown;
  try {
    const b = await openLmdbBackend(dir);
    try {
      b.latest();
      await b.readGroups(
        2,
        Array.from({ length: 8 }, (_, i) => i),
      );
    } finally {
      await b.close();
    }
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(StateError);
  const e = err as StateError;
  expect(e.exitCode).toBe(1);
  expect(e.message).toMatch(pattern);
  expect(e.message).toContain(`fstream state rm ${dir}`);
}

describe('LMDB state: corruption is a StateError, never a wrong result or a crash', () => {
  it('a truncated data.mdb', async () => {
    await populate();
    const f = join(dir, 'data.mdb');
    truncateSync(f, Math.floor(statSync(f).size / 2));
    await expectStateError(/truncated/);
  });

  it('a data.mdb cut to a few bytes, or to nothing', async () => {
    await populate();
    truncateSync(join(dir, 'data.mdb'), 100);
    await expectStateError(/truncated/);
    truncateSync(join(dir, 'data.mdb'), 0);
    await expectStateError(/missing or empty/);
  });

  it('a data.mdb overwritten with random bytes', async () => {
    await populate();
    const f = join(dir, 'data.mdb');
    writeFileSync(f, randomBytes(statSync(f).size));
    await expectStateError(/not an LMDB file/);
  });

  it('a missing data.mdb', async () => {
    await populate();
    rmSync(join(dir, 'data.mdb'));
    await expectStateError(/missing/);
  });

  it('the latest checkpoint header removed (latest points to a missing checkpoint)', async () => {
    await populate();
    await tamper((db) => db.removeSync(['h', 2]));
    await expectStateError(/checkpoint 2/);
  });

  it('a chunk of the latest checkpoint removed', async () => {
    await populate();
    await tamper((db) => db.removeSync(['g', 2, 3, 0]));
    await expectStateError(/records of the latest checkpoint 2 are missing/);
  });

  it('every record of the latest checkpoint removed', async () => {
    await populate();
    await tamper((db) => {
      for (const k of [...db.getKeys({ start: ['g', 2], end: ['g', 3] })]) db.removeSync(k);
      db.removeSync(['h', 2]);
      db.removeSync(['p', 2]);
    });
    await expectStateError(/latest checkpoint 2 is missing/);
  });

  it('the latest pointer removed while checkpoints exist', async () => {
    await populate();
    await tamper((db) => db.removeSync(['latest']));
    await expectStateError(/pointer is missing/);
  });

  it('a flipped byte inside a stored value is a checksum error, never a different value', async () => {
    await populate();
    const f = new LmdbPages(join(dir, 'data.mdb'));
    const chunk = f.leafNodes().find((n) => n.flags === 1)!;
    const at = f.offset(Number(f.buf.readBigUInt64LE(chunk.data))) + 24 + 500;
    f.buf[at] = f.buf[at]! ^ 0x04;
    f.save();
    await expectStateError(/does not match its checksum/);
  });

  it('values swapped between two keys are a checksum error', async () => {
    await populate();
    const f = new LmdbPages(join(dir, 'data.mdb'));
    const [a, b] = f.leafNodes().filter((n) => n.flags === 1);
    const swap = (x: number, y: number, len: number): void => {
      const t = Buffer.from(f.buf.subarray(x, x + len));
      f.buf.copy(f.buf, x, y, y + len);
      t.copy(f.buf, y);
    };
    // The value's size (the node's first 4 bytes) and its overflow reference move together.
    swap(a!.at, b!.at, 4);
    swap(a!.data, b!.data, 24);
    f.save();
    await expectStateError(/does not match its checksum/);
  });

  it('a directory written by an older fstream is refused, not misread', async () => {
    await populate();
    writeFileSync(join(dir, 'fstream-state.json'), JSON.stringify({ format: 1, committed: true }));
    let err: unknown;
    await openLmdbBackend(dir).catch((e: unknown) => (err = e));
    expect(err).toBeInstanceOf(StateError);
    expect((err as Error).message).toBe(
      `the state directory ${dir} was written by an older fstream (state format 1; this one reads format 2); ` +
        `to start fresh, delete it with \`fstream state rm ${dir}\` (the job then re-reads its inputs from the start)`,
    );
  });

  it('a directory an older fstream created but never committed in starts afresh', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fstream-state.json'), JSON.stringify({ format: 1, committed: false }));
    writeFileSync(join(dir, 'data.mdb'), randomBytes(8192));
    const b = await openLmdbBackend(dir);
    expect(b.latest()).toBeNull();
    await b.close();
    expect(JSON.parse(readFileSync(join(dir, 'fstream-state.json'), 'utf8'))).toMatchObject({ format: 2, committed: false });
  });

  it('a damaged marker file', async () => {
    await populate();
    writeFileSync(join(dir, 'fstream-state.json'), '{nope');
    await expectStateError(/fstream-state\.json/);
  });

  it('refuses a directory that is not an fstream state directory', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(openLmdbBackend(dir)).rejects.toThrow(/not an fstream state directory/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('creates a fresh directory with a marker, and reopens it', async () => {
    const b = await openLmdbBackend(dir);
    expect(b.latest()).toBeNull();
    await b.close();
    expect(JSON.parse(readFileSync(join(dir, 'fstream-state.json'), 'utf8'))).toMatchObject({ format: 2 });
    const b2 = await openLmdbBackend(dir);
    expect(b2.latest()).toBeNull();
    await b2.close();
  });
});

describe('lazy loading', () => {
  it('only lmdb-backend.ts imports lmdb (and lmdb-run-store.ts requires it on first use), and the state index does not import it', () => {
    const src = fileURLToPath(new URL('../../../src/engine/state', import.meta.url));
    for (const f of readdirSync(src)) {
      const text = readFileSync(join(src, f), 'utf8');
      if (f === 'lmdb-run-store.ts') expect(text).not.toMatch(/^import (?!type ).*from 'lmdb'|await import\('lmdb'\)/m);
      else if (f !== 'lmdb-backend.ts') expect(text, f).not.toMatch(/from 'lmdb'|import\('lmdb'\)/);
      if (f !== 'lmdb-backend.ts') expect(text, f).not.toMatch(/from '\.\/lmdb-backend\.js'/);
    }
  });
});
