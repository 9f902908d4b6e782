import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_GROUPS, keyGroupOf } from '../../../src/engine/state/key-groups.js';
import { openLmdbBackend } from '../../../src/engine/state/lmdb-backend.js';

/** `FSTREAM_BENCH=1 npx vitest run test/unit/state/lmdb-bench.test.ts`: 1M entries in one checkpoint. */
describe.runIf(process.env.FSTREAM_BENCH === '1')('LMDB checkpoint of 1M small entries', () => {
  it('writes and reads them back', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'fstream-bench-')), 'state');
    const groups = Array.from({ length: KEY_GROUPS }, () => [] as unknown[]);
    for (let i = 0; i < 1_000_000; i++) {
      const key = `host-${i}`;
      groups[keyGroupOf(key)]!.push([key, new Float64Array([i, i * 2, i / 3])]);
    }
    const b = await openLmdbBackend(dir);
    const t0 = performance.now();
    const w = b.begin(1, 'bench');
    for (let kg = 0; kg < KEY_GROUPS; kg++) await w.putGroupEntries(kg, groups[kg]!);
    const info = await w.commit();
    const writeMs = performance.now() - t0;
    const t1 = performance.now();
    const got = await b.readGroups(
      1,
      Array.from({ length: KEY_GROUPS }, (_, i) => i),
    );
    const readMs = performance.now() - t1;
    let n = 0;
    for (const list of got.values()) n += list.length;
    await b.close();
    const disk = statSync(join(dir, 'data.mdb')).size;
    console.log(
      `1M entries: write+commit ${writeMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms, ` +
        `encoded ${(info.sizes.bytes / 1e6).toFixed(1)} MB, data.mdb ${(disk / 1e6).toFixed(1)} MB`,
    );
    expect(n).toBe(1_000_000);
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }, 120_000);
});
