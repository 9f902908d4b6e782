import { describe, expect, it } from 'vitest';
import { compileExpr, compilePredicate } from '../../../src/engine/expr/compile.js';
import { ExprCompileError } from '../../../src/engine/expr/expr-error.js';
import { bin, ev, fld, inList, lit, neg, not, op2 } from './build.js';

describe('arithmetic', () => {
  it.each([
    [2, '+', 3, 5],
    [2, '-', 3, -1],
    [2, '*', 3, 6],
    [7, '/', 2, 3.5],
    [7, '%', 3, 1],
    [-7, '%', 3, -1],
    [0.1, '+', 0.2, 0.1 + 0.2],
  ] as const)('%s %s %s = %s', (a, op, b, want) => {
    expect(op2(a, op, b)).toBe(want);
  });

  it('returns null when either side is null (or missing)', () => {
    for (const op of ['+', '-', '*', '/', '%'] as const) {
      expect(op2(null, op, 1)).toBeNull();
      expect(op2(1, op, null)).toBeNull();
      expect(ev(bin(fld('missing'), op, lit(1)), {})).toBeNull();
    }
  });

  it('returns null for division and remainder by zero', () => {
    expect(op2(1, '/', 0)).toBeNull();
    expect(op2(0, '/', 0)).toBeNull();
    expect(op2(1, '%', 0)).toBeNull();
    expect(op2(1, '/', '0')).toBeNull();
  });

  it('concatenates two strings with +, even numeric ones', () => {
    expect(op2('ab', '+', 'cd')).toBe('abcd');
    expect(op2('1', '+', '2')).toBe('12');
  });

  it('coerces numeric strings when a number is involved', () => {
    expect(op2('40', '+', 2)).toBe(42);
    expect(op2(2, '+', '40')).toBe(42);
    expect(op2('10', '*', '3')).toBe(30);
    expect(op2('10', '-', '3')).toBe(7);
    expect(op2('1e3', '/', 10)).toBe(100);
  });

  it('returns null for non-numeric operands', () => {
    expect(op2('abc', '+', 1)).toBeNull();
    expect(op2('abc', '*', 2)).toBeNull();
    expect(op2([1], '+', 1)).toBeNull();
    expect(op2({ a: 1 }, '-', 1)).toBeNull();
    expect(op2('0x10', '+', 1)).toBeNull();
    expect(op2('', '+', 1)).toBeNull();
  });

  it('returns null for a result that is not finite, unary minus included', () => {
    expect(op2(1e308, '*', 10)).toBeNull();
    expect(op2(Infinity, '+', 1)).toBeNull();
    expect(ev(neg(fld('a')), { a: Infinity })).toBeNull();
    expect(ev(neg(fld('a')), { a: -Infinity })).toBeNull();
  });

  it('negates numbers and numeric strings', () => {
    expect(ev(neg(fld('a')), { a: 5 })).toBe(-5);
    expect(ev(neg(fld('a')), { a: '2.5' })).toBe(-2.5);
    expect(ev(neg(fld('a')), {})).toBeNull();
    expect(ev(neg(fld('a')), { a: 'x' })).toBeNull();
  });
});

describe('comparisons', () => {
  it.each([
    [1, '<', 2, true],
    [2, '<', 1, false],
    [2, '<=', 2, true],
    [3, '>', 2, true],
    [2, '>=', 3, false],
    [2, '==', 2, true],
    [2, '!=', 2, false],
    [2, '!=', 3, true],
  ] as const)('%s %s %s is %s', (a, op, b, want) => {
    expect(op2(a, op, b)).toBe(want);
  });

  it('compares numbers with numeric strings numerically', () => {
    expect(op2('503', '>=', 500)).toBe(true);
    expect(op2('99', '<', 100)).toBe(true);
    expect(op2(100, '>', '99')).toBe(true);
    expect(op2('500', '==', 500)).toBe(true);
    expect(op2(500, '==', '500.0')).toBe(true);
    expect(op2(500, '!=', '500')).toBe(false);
    expect(op2(' 7 ', '==', 7)).toBe(true);
  });

  it('compares two strings lexicographically, even numeric ones', () => {
    expect(op2('apple', '<', 'banana')).toBe(true);
    expect(op2('b', '>', 'a')).toBe(true);
    expect(op2('99', '<', '100')).toBe(false);
    expect(op2('a', '==', 'a')).toBe(true);
    expect(op2('500', '==', '500.0')).toBe(false);
  });

  it('is false for a comparison of a number with a non-numeric string', () => {
    for (const op of ['<', '<=', '>', '>=', '=='] as const) {
      expect(op2('abc', op, 1)).toBe(false);
      expect(op2(1, op, 'abc')).toBe(false);
    }
    expect(op2('abc', '!=', 1)).toBe(true);
  });

  it('is false whenever an operand is null — == and != included', () => {
    for (const op of ['==', '!=', '<', '<=', '>', '>='] as const) {
      expect(op2(null, op, 1)).toBe(false);
      expect(op2(1, op, null)).toBe(false);
      expect(op2(null, op, null)).toBe(false);
      expect(ev(bin(fld('missing'), op, lit(1)), {})).toBe(false);
    }
  });

  it('treats == null / != null against the literal null as a null test', () => {
    const isNull = compileExpr(bin(fld('a'), '==', lit(null)));
    const notNull = compileExpr(bin(fld('a'), '!=', lit(null)));
    expect(isNull({})).toBe(true);
    expect(isNull({ a: null })).toBe(true);
    expect(isNull({ a: 0 })).toBe(false);
    expect(isNull({ a: '' })).toBe(false);
    expect(notNull({})).toBe(false);
    expect(notNull({ a: 0 })).toBe(true);
    expect(ev(bin(lit(null), '==', fld('a')), {})).toBe(true);
    expect(ev(bin(lit(null), '==', lit(null)))).toBe(true);
    expect(ev(bin(fld('a'), '<', lit(null)), { a: 1 })).toBe(false);
  });

  it('compares booleans with booleans and with "true"/"false" strings', () => {
    expect(op2(true, '==', true)).toBe(true);
    expect(op2(true, '==', false)).toBe(false);
    expect(op2(true, '==', 'true')).toBe(true);
    expect(op2('false', '==', false)).toBe(true);
    expect(op2(true, '==', 1)).toBe(false);
    expect(op2(false, '<', true)).toBe(true);
  });

  it('compares arrays and objects structurally for equality, never for order', () => {
    expect(op2([1, { a: 2 }], '==', [1, { a: 2 }])).toBe(true);
    expect(op2([1, 2], '==', [2, 1])).toBe(false);
    expect(op2({ a: 1 }, '==', { a: 1, b: 2 })).toBe(false);
    expect(op2([1], '<', [2])).toBe(false);
  });

  it('specialises a literal number on the right without changing the result', () => {
    const f = compileExpr(bin(fld('s'), '>=', lit(500)));
    expect(f({ s: 500 })).toBe(true);
    expect(f({ s: 499 })).toBe(false);
    expect(f({ s: '501' })).toBe(true);
    expect(f({ s: 'x' })).toBe(false);
    expect(f({ s: null })).toBe(false);
    expect(f({})).toBe(false);
    expect(compileExpr(bin(fld('s'), '<', lit(500)))({ s: '499' })).toBe(true);
    expect(compileExpr(bin(fld('s'), '<=', lit(500)))({ s: 500 })).toBe(true);
    expect(compileExpr(bin(fld('s'), '>', lit(500)))({ s: 500 })).toBe(false);
  });
});

describe('and / or / not', () => {
  it('treats null as falsy and always yields a boolean', () => {
    expect(op2(true, 'and', null)).toBe(false);
    expect(op2(null, 'or', true)).toBe(true);
    expect(op2(null, 'or', null)).toBe(false);
    expect(op2(1, 'and', 'x')).toBe(true);
    expect(op2(0, 'or', '')).toBe(false);
    expect(ev(not(fld('a')), {})).toBe(true);
    expect(ev(not(fld('a')), { a: 'x' })).toBe(false);
  });

  it('short-circuits', () => {
    let reads = 0;
    const rec = { a: false };
    Object.defineProperty(rec, 'b', { get: () => ++reads, enumerable: true });
    compileExpr(bin(fld('a'), 'and', fld('b')))(rec);
    expect(reads).toBe(0);
  });
});

describe('=~', () => {
  it('tests a string against a literal regex', () => {
    const f = compileExpr(bin(fld('m'), '=~', lit('^GET /api')));
    expect(f({ m: 'GET /api/v1' })).toBe(true);
    expect(f({ m: 'POST /api' })).toBe(false);
    expect(f({})).toBe(false);
    expect(f({ m: ['GET /api'] })).toBe(false);
  });

  it('matches numbers by their text', () => {
    expect(compileExpr(bin(fld('s'), '=~', lit('^5\\d\\d$')))({ s: 503 })).toBe(true);
  });

  it('accepts a leading (?i) for ignore-case', () => {
    expect(compileExpr(bin(fld('m'), '=~', lit('(?i)error')))({ m: 'ERROR: x' })).toBe(true);
  });

  it('keeps no state between records (no g flag)', () => {
    const f = compileExpr(bin(fld('m'), '=~', lit('a')));
    expect([f({ m: 'a' }), f({ m: 'a' }), f({ m: 'a' })]).toEqual([true, true, true]);
  });

  it('compiles a computed pattern per distinct value; an invalid one is false', () => {
    const f = compileExpr(bin(fld('m'), '=~', fld('p')));
    expect(f({ m: 'abc', p: 'b' })).toBe(true);
    expect(f({ m: 'abc', p: '^b' })).toBe(false);
    expect(f({ m: 'abc', p: '(' })).toBe(false);
    expect(f({ m: 'abc', p: null })).toBe(false);
  });

  it('rejects an invalid literal regex at compile time', () => {
    expect(() => compileExpr(bin(fld('m'), '=~', lit('(')))).toThrow(ExprCompileError);
  });
});

describe('in', () => {
  it('tests membership with numeric coercion', () => {
    const f = compileExpr(inList(fld('s'), [lit(500), lit(502), lit('504')]));
    expect(f({ s: 500 })).toBe(true);
    expect(f({ s: '502' })).toBe(true);
    expect(f({ s: 504 })).toBe(true);
    expect(f({ s: '504' })).toBe(true);
    expect(f({ s: '504.0' })).toBe(false);
    expect(f({ s: 501 })).toBe(false);
    expect(f({})).toBe(false);
  });

  it('matches strings exactly and booleans by text', () => {
    const f = compileExpr(inList(fld('m'), [lit('GET'), lit('HEAD'), lit(true)]));
    expect(f({ m: 'GET' })).toBe(true);
    expect(f({ m: 'get' })).toBe(false);
    expect(f({ m: 'true' })).toBe(true);
    expect(f({ m: true })).toBe(true);
    expect(compileExpr(inList(fld('m'), [lit('true')]))({ m: true })).toBe(true);
  });

  it('is false for null with not in; a literal null in the list matches null', () => {
    const notIn = compileExpr(inList(fld('s'), [lit(1), lit(2)], true));
    expect(notIn({ s: 3 })).toBe(true);
    expect(notIn({ s: 1 })).toBe(false);
    expect(notIn({})).toBe(false);
    expect(compileExpr(inList(fld('s'), [lit(null), lit(1)]))({})).toBe(true);
    expect(compileExpr(inList(fld('s'), [lit(1)]))({})).toBe(false);
  });

  it('evaluates a non-literal list per record', () => {
    const f = compileExpr(inList(fld('s'), [fld('a'), fld('b')]));
    expect(f({ s: 2, a: 1, b: '2' })).toBe(true);
    expect(f({ s: 3, a: 1, b: 2 })).toBe(false);
    expect(f({ s: 3 })).toBe(false);
    expect(compileExpr(inList(fld('s'), [fld('a')], true))({ s: 3, a: 4 })).toBe(true);
  });
});

describe('compilePredicate', () => {
  it('is true exactly for truthy values', () => {
    const p = compilePredicate(fld('a'));
    expect([null, false, 0, '', 'x', 1, true, [], {}].map((a) => p({ a }))).toEqual([false, false, false, false, true, true, true, true, true]);
    expect(p({})).toBe(false);
  });
});

describe('constant folding', () => {
  it('evaluates constant subtrees to the same value', () => {
    expect(ev(bin(lit(60), '*', lit(1000)))).toBe(60000);
    expect(ev(bin(bin(lit(1), '+', lit(2)), '<', fld('a')), { a: 4 })).toBe(true);
  });
});
