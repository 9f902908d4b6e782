import { describe, expect, test } from 'vitest';
import { DiagnosticBag } from '../../../src/dsl/diagnostic.js';
import { parseDuration, formatDuration } from '../../../src/common/time/duration.js';
import { tokenize } from '../../../src/dsl/lexer.js';
import { alignedSegment, exactSegment } from '../../../src/dsl/segment.js';
import { makeSource } from '../../../src/dsl/source.js';

function lex(text: string) {
  const bag = new DiagnosticBag();
  const tokens = tokenize(exactSegment(makeSource('<query>', text)), bag);
  return { tokens, errors: bag.items };
}

describe('lexer', () => {
  test('kinds, texts and spans', () => {
    const { tokens, errors } = lex('where a.b >= 1.5 and `x y` =~ "a\\"b" | window tumbling 5m');
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'where'],
      ['ident', 'a'],
      ['op', '.'],
      ['ident', 'b'],
      ['op', '>='],
      ['number', '1.5'],
      ['ident', 'and'],
      ['quoted', 'x y'],
      ['op', '=~'],
      ['string', 'a"b'],
      ['op', '|'],
      ['ident', 'window'],
      ['ident', 'tumbling'],
      ['duration', '5m'],
      ['eof', ''],
    ]);
    expect(tokens[5]!.num).toBe(1.5);
    expect(tokens[7]!.span).toEqual({ start: 21, end: 26 });
    expect(tokens.at(-1)!.span).toEqual({ start: 57, end: 57 });
  });

  test('two-character operators win over one-character ones', () => {
    const ops = lex('== != <= >= =~ && || | = < > !')
      .tokens.filter((t) => t.kind === 'op')
      .map((t) => t.text);
    expect(ops).toEqual(['==', '!=', '<=', '>=', '=~', '&&', '||', '|', '=', '<', '>', '!']);
  });

  test('escapes: known ones decode, unknown ones keep their backslash', () => {
    const t = lex(String.raw`'it\'s\n' "\d+\." `).tokens;
    expect(t[0]!.text).toBe("it's\n");
    expect(t[1]!.text).toBe('\\d+\\.');
  });

  test('unterminated string and bad characters are errors with spans, lexing goes on', () => {
    const { tokens, errors } = lex('a # b "open');
    expect(errors.map((e) => [e.message, e.span])).toEqual([
      ['unexpected character `#`', { start: 2, end: 3 }],
      ['unterminated string', { start: 6, end: 11 }],
    ]);
    expect(tokens.map((t) => t.kind)).toEqual(['ident', 'op', 'ident', 'string', 'eof']);
  });

  test('compound durations', () => {
    expect(lex('1h30m').tokens[0]).toMatchObject({ kind: 'duration', text: '1h30m' });
  });

  test('exponent notation is a number; durations still lex as durations', () => {
    const numbers = lex('1e3 2.5e-3 1E6 7e+2 1e400').tokens.slice(0, 5);
    expect(numbers.map((t) => [t.kind, t.text, t.num])).toEqual([
      ['number', '1e3', 1000],
      ['number', '2.5e-3', 0.0025],
      ['number', '1E6', 1_000_000],
      ['number', '7e+2', 700],
      ['number', '1e400', 0],
    ]);
    expect(lex('1e400').errors.map((e) => e.message)).toEqual(['number is too large']);
    expect(
      lex('1d 1h30m 1ms 250ms 1e')
        .tokens.slice(0, 5)
        .map((t) => [t.kind, t.text]),
    ).toEqual([
      ['duration', '1d'],
      ['duration', '1h30m'],
      ['duration', '1ms'],
      ['duration', '250ms'],
      ['duration', '1e'],
    ]);
  });

  test('aligned segments map value characters to raw offsets', () => {
    // The YAML value `a"b` written as "a\"b" at offset 1.
    const src = makeSource('f', '"a\\"b"');
    const seg = alignedSegment(src, 'a"b', 1, 5);
    expect([0, 1, 2, 3].map((i) => seg.offsetAt(i))).toEqual([1, 3, 4, 5]);
  });
});

describe('durations', () => {
  test.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['0s', 0],
  ])('%s = %i ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', '5', 'm', '5x', '5 m', '1h30', 's5'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeNull());

  test('formatDuration gives the compound spelling', () => {
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
  });
});
