import { describe, expect, it } from 'vitest';
import { createAssigner } from '../../../src/engine/window/create-assigner.js';
import { GLOBAL_WINDOW, isGlobalWindow } from '../../../src/engine/window/global.js';
import { isComplete } from '../../../src/engine/window/window.js';
import { windowsOf } from './collect.js';

describe('createAssigner', () => {
  it('builds each kind from its WindowSpec', () => {
    expect(createAssigner({ kind: 'tumbling', sizeMs: 60_000 })).toMatchObject({ kind: 'tumbling', sizeMs: 60_000, maxWindowsPerEvent: 1 });
    expect(createAssigner({ kind: 'sliding', sizeMs: 300_000, slideMs: 60_000 })).toMatchObject({ kind: 'sliding', maxWindowsPerEvent: 5 });
    expect(createAssigner({ kind: 'session', gapMs: 30_000 })).toMatchObject({ kind: 'session', gapMs: 30_000 });
    expect(createAssigner({ kind: 'global' })).toMatchObject({ kind: 'global' });
    expect(createAssigner({ kind: 'count', size: 3 })).toMatchObject({ kind: 'count', size: 3 });
  });

  it('global: one window [-Inf, +Inf) that completes only at the end-of-input watermark', () => {
    const ws = windowsOf(createAssigner({ kind: 'global' }), 123);
    expect(ws).toEqual([GLOBAL_WINDOW]);
    expect(isGlobalWindow(ws[0]!)).toBe(true);
    expect(isGlobalWindow({ start: 0, end: 1 })).toBe(false);
    expect(isComplete(GLOBAL_WINDOW, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(isComplete(GLOBAL_WINDOW, Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('count: global window, full at N records', () => {
    const a = createAssigner({ kind: 'count', size: 3 });
    if (a.kind !== 'count') throw new Error('kind');
    expect(windowsOf(a, 5)).toEqual([GLOBAL_WINDOW]);
    expect([1, 2, 3].map((n) => a.isFull(n))).toEqual([false, false, true]);
    expect(() => createAssigner({ kind: 'count', size: 0 })).toThrow(RangeError);
    expect(() => createAssigner({ kind: 'count', size: 1.5 })).toThrow(RangeError);
  });
});
