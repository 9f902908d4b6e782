import { describe, expect, it } from 'vitest';
import { MergingWindowSet } from '../../../src/engine/window/merging-window-set.js';
import { session } from '../../../src/engine/window/session.js';
import { windowsOf } from './collect.js';

const GAP = 30;
const add = (set: MergingWindowSet, ts: number) => set.addWindow(ts, ts + GAP);

describe('session assigner', () => {
  it('gives each event the proto-window [ts, ts + gap)', () => {
    expect(windowsOf(session(GAP), 100)).toEqual([{ start: 100, end: 130 }]);
    expect(() => session(0)).toThrow(RangeError);
  });
});

describe('MergingWindowSet', () => {
  it('merges out-of-order events into one session (A 0, C 50, B 25, gap 30 → [0, 80))', () => {
    const set = session(GAP).createMergingSet();
    const a = add(set, 0);
    expect(a).toEqual({ result: { start: 0, end: 30 }, mergedAway: [] });
    const c = add(set, 50);
    expect(c).toEqual({ result: { start: 50, end: 80 }, mergedAway: [] });
    expect(set.size).toBe(2);
    const b = add(set, 25);
    expect(b.result).toEqual({ start: 0, end: 80 });
    expect(b.mergedAway).toEqual([
      { start: 0, end: 30 },
      { start: 50, end: 80 },
    ]);
    expect(set.windows()).toEqual([{ start: 0, end: 80 }]);
  });

  it('merges windows that only touch (Flink: events exactly gap apart share a session)', () => {
    const set = new MergingWindowSet();
    add(set, 0);
    const r = add(set, 30);
    expect(r.result).toEqual({ start: 0, end: 60 });
    expect(r.mergedAway).toEqual([{ start: 0, end: 30 }]);
    expect(add(set, 91).mergedAway).toEqual([]);
    expect(set.windows()).toEqual([
      { start: 0, end: 60 },
      { start: 91, end: 121 },
    ]);
  });

  it('an event inside an open session changes nothing and merges nothing', () => {
    const set = new MergingWindowSet();
    add(set, 0);
    add(set, 20); // → [0, 50)
    const before = set.windows()[0];
    const r = set.addWindow(10, 40);
    expect(r.result).toBe(before);
    expect(r.mergedAway).toEqual([]);
    expect(set.size).toBe(1);
  });

  it('extends a session backwards and forwards', () => {
    const set = new MergingWindowSet();
    add(set, 100);
    expect(add(set, 80)).toEqual({ result: { start: 80, end: 130 }, mergedAway: [{ start: 100, end: 130 }] });
    expect(add(set, 120)).toEqual({ result: { start: 80, end: 150 }, mergedAway: [{ start: 80, end: 130 }] });
  });

  it('keeps sessions of disjoint events separate and sorted', () => {
    const set = new MergingWindowSet();
    for (const ts of [500, 100, 300, -200]) add(set, ts);
    expect(set.windows().map((w) => w.start)).toEqual([-200, 100, 300, 500]);
    expect(set.earliestEnd()).toBe(-170);
  });

  it('one event bridging many sessions merges them all', () => {
    const set = new MergingWindowSet();
    add(set, 0);
    add(set, 40);
    add(set, 80);
    add(set, 200);
    const r = set.addWindow(10, 100);
    expect(r.result).toEqual({ start: 0, end: 110 });
    expect(r.mergedAway.map((w) => w.start)).toEqual([0, 40, 80]);
    expect(set.windows()).toEqual([
      { start: 0, end: 110 },
      { start: 200, end: 230 },
    ]);
  });

  it('removeComplete drops the fired prefix (end - 1 <= watermark), in order', () => {
    const set = new MergingWindowSet();
    for (const ts of [0, 100, 200]) add(set, ts);
    const fired: number[] = [];
    expect(set.removeComplete(128, (w) => fired.push(w.start))).toBe(1);
    expect(set.removeComplete(129, (w) => fired.push(w.start))).toBe(1);
    expect(fired).toEqual([0, 100]);
    expect(set.removeComplete(Number.POSITIVE_INFINITY)).toBe(1);
    expect(set.size).toBe(0);
    expect(set.earliestEnd()).toBe(Number.POSITIVE_INFINITY);
  });

  it('remove deletes exactly the given session (late-record rule)', () => {
    const set = new MergingWindowSet();
    add(set, 0);
    add(set, 100);
    expect(set.remove({ start: 0, end: 31 })).toBe(false);
    expect(set.remove({ start: 0, end: 30 })).toBe(true);
    expect(set.remove({ start: 0, end: 30 })).toBe(false);
    expect(set.windows()).toEqual([{ start: 100, end: 130 }]);
  });

  it('restores from a snapshot, normalising order and overlaps', () => {
    const set = new MergingWindowSet([
      { start: 100, end: 130 },
      { start: 0, end: 30 },
      { start: 20, end: 50 },
    ]);
    expect(set.windows()).toEqual([
      { start: 0, end: 50 },
      { start: 100, end: 130 },
    ]);
  });
});
