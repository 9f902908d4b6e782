import { describe, expect, it } from 'vitest';
import type { StateBackend } from '../../../src/engine/state/backend.js';
import { describeCheckpoints } from '../../../src/engine/state/describe-checkpoints.js';
import { KEY_GROUPS, groupsOwnedBy, keyGroupOf } from '../../../src/engine/state/key-groups.js';
import { StateError } from '../../../src/engine/state/state-error.js';

/** A place that backends can be opened on, again and again (to model restarts). */
export interface BackendHarness {
  open(opts?: { retain?: number }): Promise<StateBackend>;
  cleanup(): Promise<void>;
}

const ALL = Array.from({ length: KEY_GROUPS }, (_, i) => i);

/** The conformance suite every `StateBackend` passes. */
export function describeStateBackend(name: string, makeHarness: () => Promise<BackendHarness>): void {
  describe(`StateBackend conformance: ${name}`, () => {
    const withBackend = (fn: (b: StateBackend, h: BackendHarness) => Promise<void>) => async () => {
      const h = await makeHarness();
      const b = await h.open();
      try {
        await fn(b, h);
      } finally {
        await b.close();
        await h.cleanup();
      }
    };

    it(
      'starts empty',
      withBackend(async (b) => {
        expect(b.latest()).toBeNull();
        expect(b.list()).toEqual([]);
        expect(describeCheckpoints(b)).toEqual([]);
      }),
    );

    it(
      'commits meta, entries per key group in write order, and the sink pending',
      withBackend(async (b) => {
        const w = b.begin(1, 'plan-a');
        w.putMeta({ inputs: [{ path: 'a.log', offset: 120 }], watermark: 5 });
        await w.putGroupEntries(3, [
          ['k1', 1],
          ['k2', 2],
        ]);
        await w.putGroupEntries(7, [['x', { n: 1 }]]);
        await w.putGroupEntries(3, [['k3', 3]]);
        w.putSinkPending({ files: [{ path: 'out.ndjson', from: 0, to: 10 }] });
        const info = await w.commit();
        expect(info).toMatchObject({ id: 1, planHash: 'plan-a', meta: { watermark: 5 } });
        expect(info.sizes).toMatchObject({ groups: 2, entries: 4 });
        expect(info.sizes.bytes).toBeGreaterThan(0);
        expect(b.latest()).toEqual(info);
        const got = await b.readGroups(1, [3, 7, 9]);
        expect(got.get(3)).toEqual([
          ['k1', 1],
          ['k2', 2],
          ['k3', 3],
        ]);
        expect(got.get(7)).toEqual([['x', { n: 1 }]]);
        expect(got.get(9)).toEqual([]);
        expect(await b.readSinkPending(1)).toEqual({ files: [{ path: 'out.ndjson', from: 0, to: 10 }] });
      }),
    );

    it(
      'keeps typed arrays, -0, NaN, Infinity, Maps, Dates and unicode; values do not alias',
      withBackend(async (b) => {
        const w = b.begin(1, 'p');
        const entries = [
          ['a', new Float64Array([1.5, -0, NaN, Infinity])],
          ['b', new Uint8Array([1, 2, 3])],
          ['c', new Int32Array([-1, 7])],
          ['d', new Map([['x', 1]]), new Date(5)],
          ['ü→😀', null, [true, false], { nested: { deep: [1, 'two'] } }],
        ];
        await w.putGroupEntries(0, entries);
        await w.putGroupEntries(1, [['other', new Float64Array([9, 9, 9])]]);
        await w.commit();
        const first = (await b.readGroups(1, [0])).get(0)!;
        await b.readGroups(1, [1, 0]); // a second read must not overwrite the first's buffers
        expect(first).toEqual(entries);
        const f = first[0] as [string, Float64Array];
        expect(f[1]).toBeInstanceOf(Float64Array);
        expect(Object.is(f[1][1], -0)).toBe(true);
        expect(Number.isNaN(f[1][2])).toBe(true);
        expect((first[1] as unknown[])[1]).toBeInstanceOf(Uint8Array);
        expect((first[2] as unknown[])[1]).toBeInstanceOf(Int32Array);
      }),
    );

    it(
      'copies entries when put: later mutation does not change the snapshot',
      withBackend(async (b) => {
        const w = b.begin(1, 'p');
        const acc = { count: 1, sums: new Float64Array([1]) };
        await w.putGroupEntries(0, [acc]);
        acc.count = 99;
        acc.sums[0] = 99;
        await w.commit();
        expect((await b.readGroups(1, [0])).get(0)).toEqual([{ count: 1, sums: new Float64Array([1]) }]);
      }),
    );

    it(
      'shows nothing before commit, and abort leaves the previous checkpoint',
      withBackend(async (b) => {
        const w1 = b.begin(1, 'p');
        await w1.putGroupEntries(0, [1]);
        expect(b.latest()).toBeNull();
        await w1.commit();
        const w2 = b.begin(2, 'p');
        await w2.putGroupEntries(0, [2]);
        w2.putMeta({ n: 2 });
        expect(b.latest()?.id).toBe(1);
        await w2.abort();
        expect(b.latest()?.id).toBe(1);
        expect((await b.readGroups(1, [0])).get(0)).toEqual([1]);
        const w3 = b.begin(2, 'p');
        await w3.putGroupEntries(0, [3]);
        await w3.commit();
        expect((await b.readGroups(2, [0])).get(0)).toEqual([3]);
      }),
    );

    it(
      'refuses an id that is not newer, a second writer, and use after commit',
      withBackend(async (b) => {
        const w = b.begin(5, 'p');
        expect(() => b.begin(6, 'p')).toThrow(StateError);
        await w.commit();
        await expect(w.commit()).rejects.toThrow(StateError);
        expect(() => b.begin(5, 'p')).toThrow(StateError);
        expect(() => b.begin(4, 'p')).toThrow(StateError);
        expect(() => b.begin(1.5, 'p')).toThrow(StateError);
        const w2 = b.begin(6, 'p');
        await expect(w2.putGroupEntries(KEY_GROUPS, [1])).rejects.toThrow(StateError);
        await w2.abort();
      }),
    );

    it(
      'keeps only the newest checkpoint by default; an unknown id is a StateError',
      withBackend(async (b) => {
        for (const id of [1, 2, 3]) {
          const w = b.begin(id, 'p');
          await w.putGroupEntries(id, [id]);
          await w.commit();
        }
        expect(b.list().map((c) => c.id)).toEqual([3]);
        await expect(b.readGroups(1, [1])).rejects.toThrow(StateError);
        expect((await b.readGroups(3, ALL)).get(3)).toEqual([3]);
      }),
    );

    it('retains N checkpoints when asked', async () => {
      const h = await makeHarness();
      const b = await h.open({ retain: 2 });
      for (const id of [1, 2, 3]) {
        const w = b.begin(id, 'p');
        await w.putGroupEntries(0, [id]);
        await w.commit();
      }
      expect(b.list().map((c) => c.id)).toEqual([2, 3]);
      expect((await b.readGroups(2, [0])).get(0)).toEqual([2]);
      expect(describeCheckpoints(b).map((r) => [r.id, r.latest])).toEqual([
        [2, false],
        [3, true],
      ]);
      await b.close();
      await h.cleanup();
    });

    it(
      'survives a restart; an unfinished checkpoint of a crashed run is not seen',
      withBackend(async (b, h) => {
        const w = b.begin(1, 'p');
        w.putMeta({ offset: 42 });
        await w.putGroupEntries(5, [['k', 1]]);
        w.putSinkPending({ s: 1 });
        await w.commit();
        const crashed = b.begin(2, 'p');
        await crashed.putGroupEntries(
          5,
          Array.from({ length: 3000 }, (_, i) => i),
        );
        await b.close(); // the writer is dropped: a crash before commit
        const b2 = await h.open();
        try {
          expect(b2.latest()).toMatchObject({ id: 1, meta: { offset: 42 } });
          expect((await b2.readGroups(1, [5])).get(5)).toEqual([['k', 1]]);
          const w2 = b2.begin(2, 'p');
          await w2.putGroupEntries(5, ['fresh']);
          await w2.commit();
          expect((await b2.readGroups(2, [5])).get(5)).toEqual(['fresh']);
          expect(await b2.readSinkPending(2)).toBeNull();
        } finally {
          await b2.close();
        }
      }),
    );

    it(
      'restores at another parallelism: the owned groups together hold every entry',
      withBackend(async (b) => {
        const keys = Array.from({ length: 2000 }, (_, i) => `host-${i}`);
        const w = b.begin(1, 'p');
        for (const worker of [0, 1]) {
          const byGroup = new Map<number, unknown[]>();
          for (const k of keys) {
            const kg = keyGroupOf(k);
            if (!groupsOwnedBy(worker, 2).includes(kg)) continue;
            if (!byGroup.has(kg)) byGroup.set(kg, []);
            byGroup.get(kg)!.push([k, k.length]);
          }
          for (const [kg, list] of byGroup) await w.putGroupEntries(kg, list);
        }
        await w.commit();
        for (const p of [1, 3, 4]) {
          const seen: string[] = [];
          for (let worker = 0; worker < p; worker++) {
            const got = await b.readGroups(1, groupsOwnedBy(worker, p));
            for (const [kg, list] of got) {
              for (const [k] of list as [string][]) {
                expect(keyGroupOf(k)).toBe(kg);
                seen.push(k);
              }
            }
          }
          expect(seen.sort()).toEqual([...keys].sort());
        }
      }),
    );

    it(
      'keeps the order of many entries in one group, across chunks and batches',
      withBackend(async (b) => {
        const w = b.begin(1, 'p');
        const all: number[] = [];
        for (let call = 0; call < 5; call++) {
          const list = Array.from({ length: 1500 }, (_, i) => call * 1500 + i);
          all.push(...list);
          await w.putGroupEntries(127, list);
        }
        const info = await w.commit();
        expect(info.sizes.entries).toBe(7500);
        expect((await b.readGroups(1, [127])).get(127)).toEqual(all);
      }),
    );
  });
}
