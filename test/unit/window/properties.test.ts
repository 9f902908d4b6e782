import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccSet } from '../../../src/engine/operators/acc-set.js';
import { SessionStore } from '../../../src/engine/operators/session-store.js';
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

describe('session merging properties (SessionStore)', () => {
  const events = fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 });
  const gap = fc.integer({ min: 1, max: 100 });

  /** The sessions a store fires at the end for `evs` of one key, in any arrival order, with their counts. */
  function sessions(evs: number[], g: number): { start: number; end: number; count: number }[] {
    const store = new SessionStore(g, new AccSet([{ fn: 'count', as: 'count' }]));
    for (const e of evs) store.add(e, -Infinity, 'sk', ['k'], [true]);
    const out: { start: number; end: number; count: number }[] = [];
    store.fire(Infinity, (w, _k, accs) => out.push({ start: w!.start, end: w!.end, count: (accs[0] as { n: number }).n }));
    return out.sort((a, b) => a.start - b.start);
  }

  it("merging as events arrive equals merging everything at once (Flink's rule), in any order", () => {
    fc.assert(
      fc.property(events, gap, (evs, g) => {
        expect(sessions(evs, g).map(({ start, end }) => ({ start, end }))).toEqual(mergeAll(evs.map((e) => ({ start: e, end: e + g }))));
      }),
    );
  });

  it('every event is counted once, in its final session', () => {
    fc.assert(
      fc.property(events, gap, (evs, g) => {
        for (const w of sessions(evs, g)) expect(w.count).toBe(evs.filter((e) => w.start <= e && e + g <= w.end).length);
      }),
    );
  });
});
