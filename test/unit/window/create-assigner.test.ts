import { describe, expect, it } from 'vitest';
import { createAssigner } from '../../../src/engine/window/create-assigner.js';
import { GLOBAL_WINDOW, isGlobalWindow } from '../../../src/engine/window/global.js';
import { isComplete } from '../../../src/engine/window/window.js';
import { windowsOf } from './collect.js';

describe('createAssigner', () => {
  it('builds each kind from its WindowSpec', () => {
    expect(createAssigner({ kind: 'tumbling', sizeMs: 60_000 })).toMatchObject({ kind: 'tumbling', sizeMs: 60_000, maxWindowsPerEvent: 1 });
    expect(createAssigner({ kind: 'sliding', sizeMs: 300_000, slideMs: 60_000 })).toMatchObject({ kind: 'sliding', maxWindowsPerEvent: 5 });
    expect(createAssigner({ kind: 'global' })).toMatchObject({ kind: 'global' });
  });

  it('global: one window [-Inf, +Inf) that completes only at the end-of-input watermark', () => {
    const ws = windowsOf(createAssigner({ kind: 'global' }), 123);
    expect(ws).toEqual([GLOBAL_WINDOW]);
    expect(isGlobalWindow(ws[0]!)).toBe(true);
    expect(isGlobalWindow({ start: 0, end: 1 })).toBe(false);
    expect(isComplete(GLOBAL_WINDOW, Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(isComplete(GLOBAL_WINDOW, Number.POSITIVE_INFINITY)).toBe(true);
  });
});
