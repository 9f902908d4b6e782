import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../../src/io/sinks/display-width.js';

describe('displayWidth', () => {
  it('counts ASCII, wide CJK and emoji, and zero-width marks', () => {
    expect(displayWidth('hello')).toBe(5);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('😀x')).toBe(3);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('Grüße')).toBe(5);
  });
});

describe('truncateToWidth', () => {
  it('keeps text that fits and cuts longer text to the width, ending in …', () => {
    expect(truncateToWidth('abc', 3)).toEqual({ text: 'abc', width: 3 });
    expect(truncateToWidth('abcdef', 4)).toEqual({ text: 'abc…', width: 4 });
    expect(truncateToWidth('日本語です', 6)).toEqual({ text: '日本…', width: 5 });
  });
});
