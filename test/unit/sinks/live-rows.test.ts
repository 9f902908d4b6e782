import { describe, expect, it } from 'vitest';
import { LiveRows } from '../../../src/io/sinks/live-rows.js';

const w = (start: number) => ({ start, end: start + 60 });

describe('LiveRows', () => {
  it('a later version of a result replaces its row; rows come in result order', () => {
    const rows = new LiveRows();
    rows.put({ k: 'b', n: 1 }, { window: w(60), group: ['b'], final: false });
    rows.put({ k: 'a', n: 1 }, { window: w(0), group: ['a'], final: false });
    rows.put({ k: 'b', n: 1 }, { window: w(0), group: ['b'], final: false });
    rows.put({ k: 'a', n: 2 }, { window: w(0), group: ['a'], final: true });
    expect(rows.rows().map((r) => [r.rec, r.final])).toEqual([
      [{ k: 'a', n: 2 }, true],
      [{ k: 'b', n: 1 }, false],
      [{ k: 'b', n: 1 }, false],
    ]);
    expect(rows.rows().map((r) => r.start)).toEqual([0, 0, 60]);
  });

  it('keeps only the most recent windows', () => {
    const rows = new LiveRows(10);
    for (let i = 0; i < 100; i++) rows.put({ i }, { window: w(i * 60), group: [], final: true });
    expect(rows.size).toBeLessThanOrEqual(13);
    expect(rows.rows().at(-1)!.rec).toEqual({ i: 99 });
  });

  it('groups order numbers before strings, numbers by value', () => {
    const rows = new LiveRows();
    for (const g of ['x', 10, 9, 'a']) rows.put({ g }, { window: null, group: [g], final: true });
    expect(rows.rows().map((r) => r.rec.g)).toEqual([9, 10, 'a', 'x']);
  });
});
