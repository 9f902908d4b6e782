import { describe, expect, it } from 'vitest';
import { RowBuffer } from '../../../src/engine/operators/row-buffer.js';

describe('row buffer', () => {
  it('keeps rows in input order per part, skips late ones, and starts empty again', () => {
    const rows = new RowBuffer((ts) => ts + 10, [false, true]);
    expect(rows.add(100, 50, 'sa', [true, 1])).toBe(true);
    expect(rows.add(40, 50, 'sb', [true, 2])).toBe(false); // 40 + 10 - 1 <= 50: every window complete
    expect(rows.add(45, 50, 'sb', [true, 3])).toBe(true);
    expect(rows.add(101, 60, 'sa', [true, 4])).toBe(true);
    const [a, b] = rows.take((key) => (key === 'sa' ? 0 : 1), 2);
    // Each row carries the watermark its lateness was decided at (the owner skips windows complete at it).
    expect(a).toEqual({ keys: ['sa', 'sa'], ts: Float64Array.from([100, 101]), late: Float64Array.from([50, 60]), args: [null, [1, 4]] });
    expect(b).toEqual({ keys: ['sb'], ts: Float64Array.from([45]), late: Float64Array.from([50]), args: [null, [3]] });
    expect(rows.take(() => 0, 1)).toEqual([{ keys: [], ts: new Float64Array(0), late: new Float64Array(0), args: [null, []] }]);
  });
});
