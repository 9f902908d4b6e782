import { describe, expect, it } from 'vitest';
import { compileUserRegex, UserRegexError } from '../../../src/common/regex/user-regex.js';

const refusal = (pattern: string): string => {
  try {
    compileUserRegex(pattern);
  } catch (e) {
    if (e instanceof UserRegexError) return e.message;
    throw e;
  }
  throw new Error(`accepted: ${pattern}`);
};

describe('user regexes', () => {
  it('match a catastrophic pattern in linear time', () => {
    const line = `${'a'.repeat(5000)}b`;
    expect(compileUserRegex('(a+)+$').test(line)).toBe(false);
    expect(compileUserRegex('(?i)(a+)+$').test(line.toUpperCase())).toBe(false);
    expect(compileUserRegex('^(\\w+\\s?)*$').test(`${'word '.repeat(2000)}!`)).toBe(false);
  });

  it.each([
    ['(?i)error', 'ERROR: x', true],
    ['(?i)ERROR', 'error', true],
    ['(?i)[a-c]x', 'Bx', true],
    ['(?i)[^a-c]x', 'Bx', false],
    ['(?i)\\u0041\\x42', 'ab', true],
    ['(?i)[\\w-]+z', 'A-Z', true],
    ['(?i)é', 'É', true],
    ['(?i)k', '\u212a', false],
    ['[0-9a-f]{32}', 'd41d8cd98f00b204e9800998ecf8427e', true],
    ['^[0-9a-f]{32}$', 'd41d8cd98f00b204e9800998ecf8427', false],
    ['^.{0,100}$', 'x'.repeat(100), true],
    ['^.{0,100}$', 'x'.repeat(101), false],
    ['^a{17,}$', 'a'.repeat(17), true],
    ['^a{17,}$', 'a'.repeat(16), false],
    ['^a{20,30}?b', `${'a'.repeat(25)}b`, true],
    ['\\u0041\\x42[\\-a]', 'AB-', true],
    ['a{', 'a{', true],
  ])('%s on %s is %s, as JavaScript has it', (pattern, input, expected) => {
    expect(compileUserRegex(pattern).test(input)).toBe(expected);
    const ignoreCase = pattern.startsWith('(?i)');
    expect(new RegExp(ignoreCase ? pattern.slice(4) : pattern, ignoreCase ? 'i' : '').test(input)).toBe(expected);
  });

  it('keeps named groups', () => {
    expect(compileUserRegex('(?<ip>\\S+) (?<n>\\d{1,20})').exec('1.2.3.4 42')?.groups).toEqual({ ip: '1.2.3.4', n: '42' });
  });

  it('leaves ordinary patterns as written', () => {
    for (const p of ['^GET /api', '(?<ip>\\S+) (?<rest>.*)', '\\d{1,3}(\\.\\d{1,3}){3}', '[^\\]]+', 'a|b|c']) {
      expect(compileUserRegex(p).source).toBe(new RegExp(p).source);
    }
  });

  it('refuses what cannot run in linear time', () => {
    expect(refusal('(a)\\1')).toMatch(/^backreferences/);
    expect(refusal('(?<x>a)\\k<x>')).toMatch(/^backreferences/);
    expect(refusal('a(?=b)')).toMatch(/^lookahead and lookbehind/);
    expect(refusal('a(?!b)')).toMatch(/^lookahead and lookbehind/);
    expect(refusal('(?<=a)b')).toMatch(/^lookahead and lookbehind/);
    expect(refusal('(?<!a)b')).toMatch(/^lookahead and lookbehind/);
    expect(refusal('(ab){17}')).toMatch(/repeats too much/);
    expect(refusal('a{1001}')).toMatch(/repeats too much/);
  });

  it('reports invalid patterns', () => {
    expect(refusal('(')).toBe('invalid regular expression: Unterminated group');
    expect(refusal('(?i)[z-a]')).toMatch(/^invalid regular expression: Range out of order/);
  });
});
