import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderedRelease } from '../../../src/engine/runtime/parallel/ordered-release.js';

describe('OrderedRelease', () => {
  it('releases in dispatch order whatever order chunks finish in (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }))),
        ([n, finishOrder]) => {
          const r = new OrderedRelease<number>();
          for (let i = 0; i < n; i++) r.dispatched(`0:${i}`);
          const released: number[] = [];
          for (const i of finishOrder) released.push(...r.finished(`0:${i}`, i));
          expect(released).toEqual([...Array(n).keys()]);
          expect(r.pending).toBe(0);
        },
      ),
    );
  });

  it('counts chunks dispatched and not released', () => {
    const r = new OrderedRelease<string>();
    r.dispatched('0:0');
    r.dispatched('1:0');
    expect(r.finished('1:0', 'b')).toEqual([]);
    expect(r.pending).toBe(2);
    expect(r.finished('0:0', 'a')).toEqual(['a', 'b']);
    expect(r.pending).toBe(0);
  });
});
