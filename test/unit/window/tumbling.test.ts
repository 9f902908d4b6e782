import { describe, expect, it } from 'vitest';
import { tumbling } from '../../../src/engine/window/tumbling.js';
import { windowStart } from '../../../src/engine/window/window-start.js';
import { windowsOf } from './collect.js';

describe('tumbling', () => {
  const t = tumbling(1000);

  it('puts ts == start in the window and ts == end in the next one', () => {
    expect(windowsOf(t, 1000)).toEqual([{ start: 1000, end: 2000 }]);
    expect(windowsOf(t, 1999)).toEqual([{ start: 1000, end: 2000 }]);
    expect(windowsOf(t, 2000)).toEqual([{ start: 2000, end: 3000 }]);
    expect(windowsOf(t, 0)).toEqual([{ start: 0, end: 1000 }]);
  });

  it('aligns negative timestamps to the epoch', () => {
    expect(windowsOf(t, -1)).toEqual([{ start: -1000, end: 0 }]);
    expect(windowsOf(t, -1000)).toEqual([{ start: -1000, end: 0 }]);
    expect(windowsOf(t, -1001)).toEqual([{ start: -2000, end: -1000 }]);
  });

  it('aligns real epoch times (1 minute windows)', () => {
    const ts = Date.parse('2026-03-01T10:00:59.999Z');
    expect(tumbling(60_000).startOf(ts)).toBe(Date.parse('2026-03-01T10:00:00.000Z'));
    expect(tumbling(60_000).startOf(ts + 1)).toBe(Date.parse('2026-03-01T10:01:00.000Z'));
  });

  it('startOf matches assign and windowStart', () => {
    for (const ts of [-2500, -1, 0, 1, 999, 1000, 123456789]) {
      expect(windowsOf(t, ts)).toEqual([{ start: t.startOf(ts), end: t.startOf(ts) + 1000 }]);
      expect(windowStart(ts, 1000)).toBe(t.startOf(ts));
    }
  });

  it('handles fractional milliseconds', () => {
    expect(windowsOf(t, 999.5)).toEqual([{ start: 0, end: 1000 }]);
    expect(windowsOf(t, -0.5)).toEqual([{ start: -1000, end: 0 }]);
  });

  it('refuses a non-positive size', () => {
    expect(() => tumbling(0)).toThrow(RangeError);
    expect(() => tumbling(-5)).toThrow(RangeError);
    expect(() => tumbling(Number.NaN)).toThrow(RangeError);
  });
});
