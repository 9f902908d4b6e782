import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitWidths, MIN_COLUMN_WIDTH } from '../../../src/io/sinks/fit-widths.js';

describe('fitWidths', () => {
  it('keeps natural widths that fit', () => {
    expect(fitWidths([4, 10, 3], [false, false, false], 21, 2)).toEqual([4, 10, 3]);
  });

  it('keeps key columns whole and shares the rest evenly, narrow columns first', () => {
    // room 30 - 2·3 = 24: key 10, then 14 for [2, 20, 20]: 2, 6, 6.
    expect(fitWidths([10, 2, 20, 20], [true, false, false, false], 30, 2)).toEqual([10, 2, 6, 6]);
  });

  it('lets keys share the room when they alone do not fit, others at the minimum', () => {
    expect(fitWidths([20, 20, 9], [true, true, false], 30, 2)).toEqual([12, 11, MIN_COLUMN_WIDTH]);
  });

  it('falls back to the minimums when even those do not fit', () => {
    expect(fitWidths([10, 10, 10, 1], [false, false, false, false], 8, 2)).toEqual([3, 3, 3, 1]);
  });

  it('fills the terminal exactly when narrowing, and never widens a column (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 10, max: 200 }),
        (cols, width) => {
          const natural = cols.map(([w]) => w);
          const out = fitWidths(
            natural,
            cols.map(([, k]) => k),
            width,
            2,
          );
          const total = out.reduce((a, b) => a + b, 0) + 2 * (out.length - 1);
          out.forEach((w, c) => {
            expect(w).toBeLessThanOrEqual(natural[c]!);
            expect(w).toBeGreaterThanOrEqual(Math.min(natural[c]!, MIN_COLUMN_WIDTH));
          });
          const minimum = natural.reduce((a, w) => a + Math.min(w, MIN_COLUMN_WIDTH), 0) + 2 * (out.length - 1);
          if (minimum <= width) expect(total).toBeLessThanOrEqual(width);
          if (minimum <= width && out.some((w, c) => w < natural[c]!)) expect(total).toBeGreaterThan(width - out.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
