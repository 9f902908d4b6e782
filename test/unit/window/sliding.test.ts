import { describe, expect, it } from 'vitest';
import { sliding } from '../../../src/engine/window/sliding.js';
import { windowsOf } from './collect.js';

describe('sliding', () => {
  it('gives size/slide windows, last start first (Flink order)', () => {
    expect(windowsOf(sliding(5000, 1000), 7500)).toEqual([
      { start: 7000, end: 12000 },
      { start: 6000, end: 11000 },
      { start: 5000, end: 10000 },
      { start: 4000, end: 9000 },
      { start: 3000, end: 8000 },
    ]);
  });

  it('includes ts == start and excludes ts == end', () => {
    const ws = windowsOf(sliding(2000, 1000), 3000);
    expect(ws).toEqual([
      { start: 3000, end: 5000 },
      { start: 2000, end: 4000 },
    ]);
    // [1000, 3000) ends exactly at ts: not included.
    expect(ws).not.toContainEqual({ start: 1000, end: 3000 });
  });

  it('handles negative timestamps', () => {
    expect(windowsOf(sliding(2000, 1000), -1)).toEqual([
      { start: -1000, end: 1000 },
      { start: -2000, end: 0 },
    ]);
    expect(windowsOf(sliding(2000, 1000), -2000)).toEqual([
      { start: -2000, end: 0 },
      { start: -3000, end: -1000 },
    ]);
  });

  it('size not a multiple of slide: floor or ceil windows depending on ts', () => {
    const s = sliding(2500, 1000);
    expect(s.maxWindowsPerEvent).toBe(3);
    // ts = 2100: starts 2000, 1000, 0 (0 + 2500 > 2100).
    expect(windowsOf(s, 2100).map((w) => w.start)).toEqual([2000, 1000, 0]);
    // ts = 2600: starts 2000, 1000 (0 + 2500 <= 2600).
    expect(windowsOf(s, 2600).map((w) => w.start)).toEqual([2000, 1000]);
    expect(windowsOf(s, 2500).map((w) => w.start)).toEqual([2000, 1000]);
    expect(windowsOf(s, 2499).map((w) => w.start)).toEqual([2000, 1000, 0]);
  });

  it('slide larger than size leaves gaps with no window', () => {
    const s = sliding(1000, 3000);
    expect(windowsOf(s, 500)).toEqual([{ start: 0, end: 1000 }]);
    expect(windowsOf(s, 1000)).toEqual([]);
    expect(windowsOf(s, 2999)).toEqual([]);
    expect(windowsOf(s, 3000)).toEqual([{ start: 3000, end: 4000 }]);
  });

  it('size == slide is tumbling', () => {
    expect(windowsOf(sliding(1000, 1000), 1500)).toEqual([{ start: 1000, end: 2000 }]);
  });

  it('refuses a non-positive size or slide', () => {
    expect(() => sliding(0, 1000)).toThrow(RangeError);
    expect(() => sliding(1000, 0)).toThrow(RangeError);
  });
});
