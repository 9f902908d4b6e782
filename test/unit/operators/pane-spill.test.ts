import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/common/record.js';
import { AccSet } from '../../../src/engine/operators/acc-set.js';
import { keyOf } from '../../../src/engine/operators/key.js';
import { PaneStore } from '../../../src/engine/operators/pane-store.js';
import type { Spill } from '../../../src/engine/operators/spill.js';
import type { PartialEntry } from '../../../src/engine/operators/window-store.js';
import { MemoryRunStore } from '../../../src/engine/state/memory-run-store.js';
import type { PaneWindowSpec } from '../../../src/engine/window/create-assigner.js';
import type { AggSpec } from '../../../src/plan/types.js';

const field = (name: string) => ({ kind: 'field' as const, path: [name] });
const AGGS: AggSpec[] = [
  { fn: 'count', as: 'count' },
  { fn: 'sum', arg: field('n'), as: 'sum' },
  { fn: 'first', arg: field('n'), as: 'first' },
  { fn: 'last', arg: field('n'), as: 'last' },
  { fn: 'count_distinct', arg: field('n'), as: 'distinct' },
  { fn: 'percentile', q: 0.95, arg: field('n'), as: 'p95' },
];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return ((s >>> 8) & 0xffffff) / 0x1000000;
  };
}

/** Keys of several kinds: strings, numbers, null, two-valued. */
function keyVals(r: () => number): Value[] {
  const i = Math.floor(r() * 300);
  if (i % 7 === 0) return [i];
  if (i % 11 === 0) return [null];
  return [`k${i}`];
}

interface Run {
  out: string[];
  spills: number;
  retired: number[];
  runs: MemoryRunStore;
}

/** Feeds the same events into a store, firing as the watermark moves; the results as text lines. */
function run(spec: PaneWindowSpec, budgetBytes: number | null, seed: number, checkpointAt = -1, checkpointRunEntries?: number): Run {
  const accSet = new AccSet(AGGS);
  const runs = new MemoryRunStore();
  const retired: number[] = [];
  let spills = 0;
  const spill: Spill | null =
    budgetBytes === null
      ? null
      : {
          runs,
          budgetBytes,
          ...(checkpointRunEntries !== undefined ? { checkpointRunEntries } : {}),
          onSpill: () => spills++,
          retire: (ids) => {
            retired.push(...ids);
            runs.drop(ids);
          },
        };
  let store = new PaneStore(spec, accSet, spill);
  const out: string[] = [];
  const emit = (w: { start: number; end: number } | null, kv: Value[], accs: unknown[]) => out.push(JSON.stringify([w, kv, accSet.results(accs)]));
  const r = rng(seed);
  let ts = 0;
  let fired = -Infinity;
  for (let i = 0; i < 2000; i++) {
    ts += Math.floor(r() * 3);
    const kv = keyVals(r);
    // count, sum, first, last, count_distinct, p95
    store.add(ts, -Infinity, keyOf(kv), kv, [true, i, i, i, i % 37, i]);
    if (i % 500 === 499) store.fire((fired = ts - 100), emit);
    if (i === checkpointAt) {
      // A restart: a new store from the snapshot (the runs it refers to, then the entries).
      const entries: PartialEntry[] = [];
      store.snapshot((e) => entries.push(e));
      const live = [...store.liveRuns];
      const next = new PaneStore(spec, accSet, spill);
      next.restoreFired(fired);
      next.restoreRuns(live);
      for (const e of entries) next.restore(e);
      store = next;
    }
  }
  store.fire(Infinity, emit);
  return { out, spills, retired, runs };
}

const SPECS: [string, PaneWindowSpec][] = [
  ['tumbling', { kind: 'tumbling', sizeMs: 200 }],
  ['sliding', { kind: 'sliding', sizeMs: 300, slideMs: 100 }],
  ['global', { kind: 'global' }],
];

describe('PaneStore past its memory budget', () => {
  for (const [name, spec] of SPECS) {
    it(`${name}: spilling to runs gives the same results in the same order, and retires every run`, () => {
      for (const seed of [1, 2]) {
        const inMemory = run(spec, null, seed);
        const spilled = run(spec, 4096, seed);
        expect(spilled.spills).toBeGreaterThan(3);
        expect(spilled.out).toEqual(inMemory.out);
        expect(spilled.runs.ids()).toEqual([]);
        expect(spilled.retired.length).toBeGreaterThan(0);
      }
    });

    it(`${name}: a store restored from a snapshot with runs goes on to the same results`, () => {
      const inMemory = run(spec, null, 7);
      expect(run(spec, 4096, 7, 1200).out).toEqual(inMemory.out);
      // The checkpoint writes its state in memory as a run of its own (incremental).
      expect(run(spec, 64 * 1024, 7, 1200, 1).out).toEqual(inMemory.out);
    });
  }
});

describe('PaneStore compaction', () => {
  it('keeps a pane that is about to fire when the firing’s own spill merges the runs', () => {
    const accSet = new AccSet([{ fn: 'count', as: 'count' }]);
    const runs = new MemoryRunStore();
    const spill: Spill = { runs, budgetBytes: 300, retire: (ids) => runs.drop(ids) }; // two entries spill
    const store = new PaneStore({ kind: 'tumbling', sizeMs: 100 }, accSet, spill);
    // 64 keys: 32 runs (one more is merged with them); the 65th stays in memory until the firing.
    for (let i = 0; i < 65; i++) store.add(10, -Infinity, keyOf([`k${i}`]), null, [true]);
    expect(store.liveRuns).toHaveLength(32);
    const out: string[] = [];
    store.fire(1000, (_w, kv) => out.push(kv[0] as string));
    expect(out.sort()).toEqual(Array.from({ length: 65 }, (_, i) => `k${i}`).sort());
    expect(runs.ids()).toEqual([]);
  });
});
