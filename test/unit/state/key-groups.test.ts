import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_GROUPS, groupsOwnedBy, keyGroupOf, ownerOf } from '../../../src/engine/state/key-groups.js';

describe('key groups', () => {
  it('KEY_GROUPS is 128 and keyGroupOf is a stable FNV-1a', () => {
    expect(KEY_GROUPS).toBe(128);
    // FNV-1a("a") = 0xe40c292c; 0xe40c292c % 128 = 44
    expect(keyGroupOf('a')).toBe(0xe40c292c % 128);
    expect(keyGroupOf('')).toBe(0x811c9dc5 % 128);
    fc.assert(
      fc.property(fc.string(), (k) => {
        const g = keyGroupOf(k);
        return Number.isInteger(g) && g >= 0 && g < KEY_GROUPS && g === keyGroupOf(k);
      }),
    );
  });

  it('spreads keys over the groups', () => {
    const counts = new Array<number>(KEY_GROUPS).fill(0);
    for (let i = 0; i < 12_800; i++) counts[keyGroupOf(`10.0.${i >> 8}.${i & 255}`)]!++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
  });

  it('ownerOf gives contiguous ranges covering every worker', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: KEY_GROUPS }), (p) => {
        let prev = 0;
        for (let kg = 0; kg < KEY_GROUPS; kg++) {
          const o = ownerOf(kg, p);
          if (o < prev || o > prev + 1 || o >= p) return false;
          prev = o;
        }
        const all = Array.from({ length: p }, (_, w) => groupsOwnedBy(w, p));
        return all.every((g) => g.length > 0) && all.flat().length === KEY_GROUPS;
      }),
    );
    expect(groupsOwnedBy(1, 2)[0]).toBe(64);
  });
});
