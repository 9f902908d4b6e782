import { describe, expect, it } from 'vitest';
import { AccSet } from '../../../src/engine/operators/acc-set.js';
import { PaneStore } from '../../../src/engine/operators/pane-store.js';
import { SessionStore } from '../../../src/engine/operators/session-store.js';
import type { Value } from '../../../src/common/record.js';

const countSum = (): AccSet =>
  new AccSet([
    { fn: 'count', as: 'count' },
    { fn: 'sum', arg: { kind: 'field', path: ['n'] }, as: 'sum' },
  ]);
type Fired = { start: number | null; end: number | null; key: Value; count: Value; sum: Value };

function collect(accs: AccSet, out: Fired[]) {
  return (w: { start: number; end: number } | null, keyVals: Value[], a: unknown[]): void => {
    const [count, sum] = accs.results(a);
    out.push({ start: w?.start ?? null, end: w?.end ?? null, key: keyVals[0]!, count: count!, sum: sum! });
  };
}

describe('PaneStore', () => {
  it('frees fired windows: memory follows open windows, not input size', () => {
    const accs = countSum();
    const store = new PaneStore({ kind: 'tumbling', sizeMs: 10 }, accs);
    const out: Fired[] = [];
    for (let t = 0; t < 10_000; t++) {
      store.add(t, -Infinity, 'sk', ['k'], [true, 1]);
      if (t % 10 === 9) store.fire(t, collect(accs, out));
      expect(store.size).toBeLessThanOrEqual(1);
    }
    expect(out).toHaveLength(1000);
    expect(out.every((f) => f.count === 10 && f.sum === 10)).toBe(true);
  });

  it('refuses windows complete at the late watermark or already fired', () => {
    const accs = countSum();
    const store = new PaneStore({ kind: 'sliding', sizeMs: 20, slideMs: 10 }, accs);
    expect(store.add(15, 18, 'sk', ['k'], [true, 1])).toBe(true); // [0,20) open, [10,30) open
    expect(store.add(5, 19, 'sk', ['k'], [true, 1])).toBe(false); // only [-10,10) and [0,20): both complete at 19
    const out: Fired[] = [];
    store.fire(19, collect(accs, out));
    expect(out.map((f) => [f.start, f.end, f.count])).toEqual([[0, 20, 1]]);
    expect(store.add(12, -Infinity, 'sk', ['k'], [true, 1])).toBe(true); // [0,20) fired: only [10,30)
    store.fire(Infinity, collect(accs, out));
    expect(out.map((f) => [f.start, f.end, f.count])).toEqual([
      [0, 20, 1],
      [10, 30, 2],
    ]);
  });
});

describe('SessionStore', () => {
  it('merges out-of-order sessions with their accumulators and fires each once', () => {
    const accs = countSum();
    const store = new SessionStore(30, accs);
    store.add(0, -Infinity, 'sa', ['a'], [true, 1]);
    store.add(50, -Infinity, 'sa', ['a'], [true, 2]);
    store.add(100, -Infinity, 'sb', ['b'], [true, 8]);
    expect(store.size).toBe(3);
    store.add(25, -Infinity, 'sa', ['a'], [true, 4]); // bridges [0,30) and [50,80)
    expect(store.size).toBe(2);
    const out: Fired[] = [];
    store.fire(78, collect(accs, out));
    expect(out).toEqual([]);
    store.fire(79, collect(accs, out));
    expect(out).toEqual([{ start: 0, end: 80, key: 'a', count: 3, sum: 7 }]);
    expect(store.add(10, -Infinity, 'sa', ['a'], [true, 1])).toBe(false); // its session fired
    store.fire(Infinity, collect(accs, out));
    expect(out[1]).toEqual({ start: 100, end: 130, key: 'b', count: 1, sum: 8 });
    expect(store.size).toBe(0);
  });

  it("moves a grown session's timer instead of firing it early", () => {
    const accs = countSum();
    const store = new SessionStore(10, accs);
    for (let t = 0; t < 100; t += 5) store.add(t, -Infinity, 'sa', ['a'], [true, 1]);
    const out: Fired[] = [];
    store.fire(50, collect(accs, out));
    expect(out).toEqual([]);
    store.fire(104, collect(accs, out));
    expect(out).toEqual([{ start: 0, end: 105, key: 'a', count: 20, sum: 20 }]);
  });
});
