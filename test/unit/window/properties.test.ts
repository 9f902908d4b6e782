import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MergingWindowSet } from '../../../src/engine/window/merging-window-set.js';
import { sliding } from '../../../src/engine/window/sliding.js';
import { tumbling } from '../../../src/engine/window/tumbling.js';
import type { TimeWindow } from '../../../src/engine/window/window.js';
import { windowsOf } from './collect.js';

const ts = fc.integer({ min: -1e13, max: 1e13 });
const duration = fc.integer({ min: 1, max: 100_000 });

/** Brute force: the multiples of `slide` in (ts - size, ts]. */
function expectedStarts(t: number, size: number, slide: number): number[] {
  const starts: number[] = [];
  const hi = Math.floor(t / slide);
  for (let k = hi; k * slide > t - size; k--) starts.push(k * slide);
  return starts;
}

describe('assigner properties', () => {
  it('tumbling: one window, aligned, containing ts', () => {
    fc.assert(
      fc.property(ts, duration, (t, size) => {
        const ws = windowsOf(tumbling(size), t);
        expect(ws).toHaveLength(1);
        const w = ws[0]!;
        expect(w.end - w.start).toBe(size);
        expect(w.start <= t && t < w.end).toBe(true);
        expect(Math.abs(w.start % size)).toBe(0);
      }),
    );
  });

  it('sliding: every window contains ts, is aligned, and all such windows are given once', () => {
    fc.assert(
      fc.property(ts, duration, fc.double({ min: 0.01, max: 40, noNaN: true }), (t, slide, ratio) => {
        const size = Math.max(1, Math.round(slide * ratio));
        const ws = windowsOf(sliding(size, slide), t);
        for (const w of ws) {
          expect(w.end - w.start).toBe(size);
          expect(w.start <= t && t < w.end).toBe(true);
          expect(Math.abs(w.start % slide)).toBe(0);
        }
        expect(ws.map((w) => w.start)).toEqual(expectedStarts(t, size, slide));
        expect(ws.length).toBeLessThanOrEqual(Math.ceil(size / slide));
        expect(ws.length).toBeGreaterThanOrEqual(Math.floor(size / slide));
      }),
    );
  });

  it('sliding with size a multiple of slide: exactly size/slide windows', () => {
    fc.assert(
      fc.property(ts, fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 60 }), (t, slide, k) => {
        expect(windowsOf(sliding(slide * k, slide), t)).toHaveLength(k);
      }),
    );
  });
});

/** Reference: Flink's TimeWindow.mergeWindows over all proto-windows at once. */
function mergeAll(protos: TimeWindow[]): TimeWindow[] {
  const sorted = [...protos].sort((a, b) => a.start - b.start);
  const out: TimeWindow[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last && last.start <= w.end && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else out.push({ ...w });
  }
  return out;
}

describe('MergingWindowSet properties', () => {
  const events = fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 });
  const gap = fc.integer({ min: 1, max: 100 });

  it('incremental merging equals merging everything at once, in any arrival order', () => {
    fc.assert(
      fc.property(events, gap, (evs, g) => {
        const set = new MergingWindowSet();
        for (const e of evs) set.addWindow(e, e + g);
        expect(set.windows()).toEqual(mergeAll(evs.map((e) => ({ start: e, end: e + g }))));
      }),
    );
  });

  it('a caller merging accumulators as told counts every event in its final session', () => {
    fc.assert(
      fc.property(events, gap, (evs, g) => {
        const set = new MergingWindowSet();
        const counts = new Map<string, number>();
        const id = (w: TimeWindow) => `${w.start}/${w.end}`;
        for (const e of evs) {
          const { result, mergedAway } = set.addWindow(e, e + g);
          let acc = counts.get(id(result)) ?? 0;
          for (const m of mergedAway) {
            acc += counts.get(id(m)) ?? 0;
            counts.delete(id(m));
          }
          counts.set(id(result), acc + 1);
        }
        expect([...counts.keys()].sort()).toEqual(set.windows().map(id).sort());
        for (const w of set.windows()) {
          const inside = evs.filter((e) => w.start <= e && e + g <= w.end).length;
          expect(counts.get(id(w))).toBe(inside);
        }
      }),
    );
  });
});
