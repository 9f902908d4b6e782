import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwoPhaseFileSink } from '../../../src/io/sinks/two-phase/two-phase-file-sink.js';
import type { PendingCommit } from '../../../src/io/sinks/two-phase/pending.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'fstream-2pc-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

const read = (p: string): string => readFileSync(join(cwd, p), 'utf8');
const ndjson = (recs: object[]): string => recs.map((r) => JSON.stringify(r) + '\n').join('');
const recs = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ n: from + i }));

/** Every file under cwd, relative, sorted. */
function files(dir = cwd): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(cwd, join(e.parentPath, e.name)))
    .sort();
}

const sink = (template = 'out/result.ndjson', format: 'ndjson' | 'csv' = 'ndjson', opts = {}) => createTwoPhaseFileSink(template, format, { cwd, ...opts });

/** A pending as the checkpoint would store it (JSON round trip). */
const stored = (p: PendingCommit): unknown => JSON.parse(JSON.stringify(p));

describe('two-phase file sink', () => {
  it('shows nothing before commit, then exactly the committed records', async () => {
    const s = sink();
    await s.recover(null);
    for (const r of recs(0, 3)) s.write(r);
    await s.flush();
    expect(existsSync(join(cwd, 'out/result.ndjson'))).toBe(false);
    const p1 = await s.prepareCommit(1);
    expect(p1.parts).toHaveLength(1);
    expect(p1.parts[0]).toMatchObject({ base: 0, bytes: ndjson(recs(0, 3)).length });
    await s.commit(p1);
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 3)));
    for (const r of recs(3, 5)) s.write(r);
    await s.commit(await s.prepareCommit(2));
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 5)));
    await s.close();
    expect(files()).toEqual(['out/result.ndjson']);
  });

  it('crash after prepare: a new sink recovers the last committed checkpoint; later output disappears', async () => {
    const s = sink();
    await s.recover(null);
    for (const r of recs(0, 3)) s.write(r);
    const p1 = stored(await s.prepareCommit(1));
    await s.commit(p1 as PendingCommit);
    for (const r of recs(3, 6)) s.write(r);
    await s.prepareCommit(2); // checkpoint 2 never commits: crash (the sink object is dropped)
    for (const r of recs(6, 8)) s.write(r);
    await s.flush();

    const s2 = sink();
    await s2.recover(p1);
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 3)));
    expect(files()).toEqual(['out/result.ndjson']);
    for (const r of recs(3, 8)) s2.write(r); // replayed from the checkpoint's input offsets
    await s2.commit(await s2.prepareCommit(2));
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 8)));
  });

  it('crash between the checkpoint commit and the sink commit: recover finishes the commit', async () => {
    const s = sink();
    await s.recover(null);
    for (const r of recs(0, 2)) s.write(r);
    await s.commit(await s.prepareCommit(1));
    for (const r of recs(2, 4)) s.write(r);
    const p2 = stored(await s.prepareCommit(2)); // stored in checkpoint 2, then crash
    const s2 = sink();
    await s2.recover(p2);
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 4)));
    expect(files()).toEqual(['out/result.ndjson']);
  });

  it('a crash in the middle of an append is repaired', async () => {
    const s = sink();
    await s.recover(null);
    for (const r of recs(0, 2)) s.write(r);
    await s.commit(await s.prepareCommit(1));
    for (const r of recs(2, 10)) s.write(r);
    const p2 = await s.prepareCommit(2);
    await s.commit(p2);
    // as if the append of checkpoint 2 had stopped half-way, its staged data still there
    const f = join(cwd, 'out/result.ndjson');
    const part = p2.parts[0]!;
    const data = readFileSync(f).subarray(part.base);
    truncateSync(f, part.base + 7);
    writeFileSync(part.file, data);
    await sink().recover(stored(p2));
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 10)));
  });

  it('commit is idempotent, and committing N covers earlier checkpoints (subsuming)', async () => {
    const s = sink();
    await s.recover(null);
    s.write({ n: 1 });
    const p1 = await s.prepareCommit(1);
    s.write({ n: 2 });
    const p2 = await s.prepareCommit(2);
    expect(p2.parts).toHaveLength(2);
    await s.commit(p2);
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }, { n: 2 }]));
    await s.commit(p2);
    await s.commit(p1);
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }, { n: 2 }]));
    s.write({ n: 3 });
    const p3 = await s.prepareCommit(3);
    expect(p3.parts).toHaveLength(1);
    await s.commit(p3);
    await sink().recover(stored(p3));
    await sink().recover(stored(p3));
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }, { n: 2 }, { n: 3 }]));
  });

  it('a checkpoint with no new output commits nothing and keeps the files', async () => {
    const s = sink();
    await s.recover(null);
    s.write({ n: 1 });
    await s.commit(await s.prepareCommit(1));
    const p2 = await s.prepareCommit(2);
    expect(p2.parts).toEqual([]);
    await s.commit(p2);
    await sink().recover(stored(p2));
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }]));
  });

  it('replaces a file left by an earlier job, but keeps committed output across restarts', async () => {
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out/result.ndjson'), 'old job output, long enough to matter\n'.repeat(10));
    const s = sink();
    await s.recover(null);
    s.write({ n: 1 });
    const p1 = stored(await s.prepareCommit(1));
    await s.commit(p1 as PendingCommit);
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }]));
    const s2 = sink();
    await s2.recover(p1);
    s2.write({ n: 2 });
    await s2.commit(await s2.prepareCommit(2));
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }, { n: 2 }]));
  });

  it('templates: one final file per resolved path, escaped values, few open files', async () => {
    const s = sink('out/{day:%Y-%m-%d}/{host}.ndjson', 'ndjson', { maxOpenFiles: 2 });
    await s.recover(null);
    const hosts = ['a', 'b', '../../etc/passwd', 'a/b', '..', '.', '', null, 'c', 'd'];
    for (let round = 0; round < 3; round++) {
      for (const host of hosts) s.write({ day: '2026-03-04T10:00:00Z', host, round });
      await s.flush();
    }
    s.write({ day: Date.UTC(2026, 2, 5), host: 'a', round: 9 });
    await s.commit(await s.prepareCommit(1));
    expect(files()).toEqual([
      'out/2026-03-04/%2E%2E.ndjson',
      'out/2026-03-04/%2E.ndjson',
      'out/2026-03-04/..%2F..%2Fetc%2Fpasswd.ndjson',
      'out/2026-03-04/_.ndjson',
      'out/2026-03-04/a%2Fb.ndjson',
      'out/2026-03-04/a.ndjson',
      'out/2026-03-04/b.ndjson',
      'out/2026-03-04/c.ndjson',
      'out/2026-03-04/d.ndjson',
      'out/2026-03-05/a.ndjson',
    ]);
    expect(read('out/2026-03-04/_.ndjson').trim().split('\n')).toHaveLength(6); // '' and null
    expect(read('out/2026-03-04/a.ndjson')).toBe(ndjson([0, 1, 2].map((round) => ({ day: '2026-03-04T10:00:00Z', host: 'a', round }))));
  });

  it('after a crash, leftovers in template directories are removed', async () => {
    const s = sink('out/{day}/{host}.ndjson');
    await s.recover(null);
    s.write({ day: 'd1', host: 'a' });
    const p1 = stored(await s.prepareCommit(1));
    await s.commit(p1 as PendingCommit);
    s.write({ day: 'd2', host: 'b' });
    s.write({ day: 'd1', host: 'a' });
    await s.prepareCommit(2);
    s.write({ day: 'd3', host: 'c' });
    await s.flush();
    expect(files().length).toBeGreaterThan(3);
    await sink('out/{day}/{host}.ndjson').recover(p1);
    expect(files()).toEqual(['out/d1/a.ndjson']);
  });

  it('CSV: the header once per final file, also across a restart', async () => {
    const s = sink('out/{host}.csv', 'csv');
    await s.recover(null);
    s.write({ host: 'a', count: 1 });
    s.write({ host: 'b', count: 2 });
    const p1 = stored(await s.prepareCommit(1));
    await s.commit(p1 as PendingCommit);
    s.write({ host: 'a', count: 3 });
    await s.prepareCommit(2); // crash
    const s2 = sink('out/{host}.csv', 'csv');
    await s2.recover(p1);
    s2.write({ count: 3, host: 'a', extra: 'x' });
    s2.write({ host: 'c', count: 4 });
    await s2.commit(await s2.prepareCommit(2));
    expect(read('out/a.csv')).toBe('host,count\na,1\na,3\n');
    expect(read('out/b.csv')).toBe('host,count\nb,2\n');
    expect(read('out/c.csv')).toBe('host,count\nc,4\n');
  });

  it('takes pre-encoded NDJSON only for a single file', async () => {
    const one = sink();
    expect(one.acceptsNdjson).toBe(true);
    expect(sink('out/{h}.ndjson').acceptsNdjson).toBe(false);
    expect(sink('out/x.csv', 'csv').acceptsNdjson).toBe(false);
    await one.recover(null);
    one.writeNdjson('{"n":1}\n{"n":2}\n');
    await one.commit(await one.prepareCommit(1));
    expect(read('out/result.ndjson')).toBe('{"n":1}\n{"n":2}\n');
  });

  it('spills to in-progress files instead of growing memory', async () => {
    const s = sink('out/result.ndjson', 'ndjson', { maxBufferedChars: 1000 });
    await s.recover(null);
    for (const r of recs(0, 500)) s.write(r);
    const staged = files().filter((f) => f.includes('.inprogress.'));
    expect(staged).toHaveLength(1);
    expect(statSync(join(cwd, staged[0]!)).size).toBeGreaterThan(1000);
    await s.commit(await s.prepareCommit(1));
    expect(read('out/result.ndjson')).toBe(ndjson(recs(0, 500)));
  });

  it('close discards output written since the last prepare', async () => {
    const s = sink();
    await s.recover(null);
    s.write({ n: 1 });
    await s.commit(await s.prepareCommit(1));
    s.write({ n: 2 });
    await s.flush();
    await s.close();
    expect(files()).toEqual(['out/result.ndjson']);
    expect(read('out/result.ndjson')).toBe(ndjson([{ n: 1 }]));
  });

  it('refuses to recover when committed output was cut by someone else', async () => {
    const s = sink();
    await s.recover(null);
    s.write({ n: 1, pad: 'x'.repeat(50) });
    const p1 = stored(await s.prepareCommit(1));
    await s.commit(p1 as PendingCommit);
    truncateSync(join(cwd, 'out/result.ndjson'), 5);
    await expect(sink().recover(p1)).rejects.toThrow(/changed|shorter/);
  });
});
