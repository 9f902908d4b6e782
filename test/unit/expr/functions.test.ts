import { describe, expect, it } from 'vitest';
import { compileExpr } from '../../../src/engine/expr/compile.js';
import { ExprCompileError } from '../../../src/engine/expr/expr-error.js';
import { FUNCTION_ARITY } from '../../../src/engine/expr/functions.js';
import type { Value } from '../../../src/common/record.js';
import { bin, call, fld, lit } from './build.js';

/** Calls a function with its arguments taken from a record, so nothing is constant-folded. */
function fn(name: string, ...args: Value[]): Value {
  const rec: Record<string, Value> = {};
  args.forEach((a, i) => {
    rec[`a${i}`] = a;
  });
  return compileExpr(call(name, ...args.map((_, i) => fld(`a${i}`))))(rec);
}

describe('string functions', () => {
  it('lower / upper', () => {
    expect(fn('lower', 'AbC')).toBe('abc');
    expect(fn('upper', 'AbC')).toBe('ABC');
    expect(fn('lower', null)).toBeNull();
    expect(fn('upper', true)).toBe('TRUE');
    expect(fn('lower', 12)).toBe('12');
    expect(fn('lower', [1])).toBeNull();
  });

  it('len of strings, arrays and objects', () => {
    expect(fn('len', 'héllo')).toBe(5);
    expect(fn('len', '')).toBe(0);
    expect(fn('len', [1, 2, 3])).toBe(3);
    expect(fn('len', { a: 1, b: 2 })).toBe(2);
    expect(fn('len', null)).toBeNull();
    expect(fn('len', 42)).toBeNull();
  });

  it('contains on strings and arrays', () => {
    expect(fn('contains', 'timeout error', 'error')).toBe(true);
    expect(fn('contains', 'timeout', 'error')).toBe(false);
    expect(fn('contains', ['a', 'b'], 'b')).toBe(true);
    expect(fn('contains', [500, 502], '502')).toBe(true);
    expect(fn('contains', ['a'], 'c')).toBe(false);
    expect(fn('contains', 12345, 234)).toBe(true);
    expect(fn('contains', null, 'a')).toBe(false);
    expect(fn('contains', 'a', null)).toBe(false);
  });

  it('starts_with / ends_with', () => {
    expect(fn('starts_with', '/api/users', '/api')).toBe(true);
    expect(fn('starts_with', '/web', '/api')).toBe(false);
    expect(fn('ends_with', 'x.png', '.png')).toBe(true);
    expect(fn('ends_with', 'x.png', '.jpg')).toBe(false);
    expect(fn('starts_with', null, '')).toBe(false);
    expect(fn('ends_with', 'x', null)).toBe(false);
  });
});

describe('numeric functions', () => {
  it('round half away from zero', () => {
    expect(fn('round', 2.5)).toBe(3);
    expect(fn('round', -2.5)).toBe(-3);
    expect(fn('round', 2.4)).toBe(2);
    expect(fn('round', '7.6')).toBe(8);
    expect(fn('round', null)).toBeNull();
    expect(fn('round', 'abc')).toBeNull();
  });

  it('round with digits, without binary-float surprises', () => {
    expect(fn('round', 1.005, 2)).toBe(1.01);
    expect(fn('round', 1.23456, 3)).toBe(1.235);
    expect(fn('round', -1.005, 2)).toBe(-1.01);
    expect(fn('round', 1234.5, -2)).toBe(1200);
    expect(fn('round', 1e-7, 2)).toBe(0);
    expect(fn('round', 2.5, 0)).toBe(3);
    expect(fn('round', 1.5, null)).toBeNull();
  });

  it('floor / ceil / int / float', () => {
    expect(fn('floor', 2.7)).toBe(2);
    expect(fn('floor', -2.1)).toBe(-3);
    expect(fn('ceil', 2.1)).toBe(3);
    expect(fn('int', -2.7)).toBe(-2);
    expect(fn('int', '42')).toBe(42);
    expect(fn('int', '42.9')).toBe(42);
    expect(fn('int', 'x42')).toBeNull();
    expect(fn('int', true)).toBe(1);
    expect(fn('float', '2.5')).toBe(2.5);
    expect(fn('float', '')).toBeNull();
    expect(fn('float', null)).toBeNull();
    expect(fn('floor', [1])).toBeNull();
  });
});

describe('str / coalesce / if', () => {
  it('str', () => {
    expect(fn('str', 42)).toBe('42');
    expect(fn('str', true)).toBe('true');
    expect(fn('str', 'x')).toBe('x');
    expect(fn('str', { a: [1] })).toBe('{"a":[1]}');
    expect(fn('str', null)).toBeNull();
  });

  it('coalesce returns the first non-null argument', () => {
    expect(fn('coalesce', null, null, 3, 4)).toBe(3);
    expect(fn('coalesce', 0, 1)).toBe(0);
    expect(fn('coalesce', null)).toBeNull();
    expect(compileExpr(call('coalesce', fld('user'), lit('-')))({})).toBe('-');
  });

  it('if chooses by truthiness and evaluates only the chosen branch', () => {
    expect(fn('if', true, 'a', 'b')).toBe('a');
    expect(fn('if', null, 'a', 'b')).toBe('b');
    expect(fn('if', 0, 'a', 'b')).toBe('b');
    const f = compileExpr(call('if', bin(fld('s'), '>=', lit(500)), lit('err'), lit('ok')));
    expect(f({ s: 503 })).toBe('err');
    expect(f({ s: 200 })).toBe('ok');
    expect(f({})).toBe('ok');
    let reads = 0;
    const rec = { c: true };
    Object.defineProperty(rec, 'b', { get: () => ++reads, enumerable: true });
    compileExpr(call('if', fld('c'), lit(1), fld('b')))(rec);
    expect(reads).toBe(0);
  });
});

describe('compile-time checks', () => {
  it('throws for an unknown function', () => {
    expect(() => compileExpr(call('nope', lit(1)))).toThrow(ExprCompileError);
    expect(() => compileExpr(call('toString', lit(1)))).toThrow(/unknown function/);
  });

  it('throws for a wrong number of arguments', () => {
    expect(() => compileExpr(call('lower'))).toThrow(/takes 1 argument/);
    expect(() => compileExpr(call('round', lit(1), lit(2), lit(3)))).toThrow(/1 to 2/);
    expect(() => compileExpr(call('if', lit(1), lit(2)))).toThrow(ExprCompileError);
    expect(() => compileExpr(call('coalesce'))).toThrow(/at least 1/);
  });

  it('publishes the arity of every SPEC function for the checker', () => {
    const names = (
      'lower upper len contains starts_with ends_with round floor ceil int float str coalesce if ' +
      'replace extract split substr trim concat strftime date_trunc hour day_of_week now parse_json ip_in_cidr'
    ).split(' ');
    expect([...FUNCTION_ARITY.keys()].sort()).toEqual(names.sort());
    expect(FUNCTION_ARITY.get('round')).toEqual({ minArgs: 1, maxArgs: 2 });
  });
});

describe('regex, text, time, JSON and network functions', () => {
  it('replace every match, with groups; extract a group by number or name, or the match', () => {
    expect(fn('replace', '/u/42/o/7', '/[0-9]+', '/:id')).toBe('/u/:id/o/:id');
    expect(fn('replace', 'a-b', '(\\w)-(\\w)', '$2-$1')).toBe('b-a');
    expect(fn('replace', null, 'x', 'y')).toBeNull();
    expect(fn('extract', 'user=ann id=7', 'user=(\\w+)')).toBe('ann');
    expect(fn('extract', 'user=ann id=7', 'id=[0-9]+')).toBe('id=7');
    expect(fn('extract', 'user=ann id=7', '(?<k>\\w+)=(?<v>\\w+)', 'v')).toBe('ann');
    expect(fn('extract', 'user=ann', 'id=(\\d+)')).toBeNull();
    // A pattern computed per record that the linear engine cannot run never matches.
    expect(fn('extract', 'aa', '(a)\\1')).toBeNull();
  });

  it('split (and indexing its parts), substr by characters, trim, concat leaving nulls out', () => {
    expect(fn('split', 'a,b,,c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(compileExpr({ kind: 'index', target: call('split', lit('a/b/c'), lit('/')), index: lit(-1) })({})).toBe('c');
    expect(compileExpr({ kind: 'index', target: fld('o'), index: lit('k') })({ o: { k: 1 } })).toBe(1);
    expect(compileExpr({ kind: 'index', target: fld('o'), index: lit(5) })({ o: [1] })).toBeNull();
    expect(fn('substr', 'héllo', 1, 3)).toBe('éll');
    expect(fn('substr', 'héllo', -2)).toBe('lo');
    expect(fn('substr', 'x', 1.5)).toBeNull();
    expect(fn('trim', '  a b \t')).toBe('a b');
    expect(fn('concat', 'a', null, 1, true)).toBe('a1true');
  });

  it('time functions read ISO-8601 or epoch times, in UTC', () => {
    const ts = '2026-03-01T10:04:05.123Z';
    expect(fn('strftime', ts, '%Y-%m-%d %H:%M')).toBe('2026-03-01 10:04');
    expect(fn('strftime', 1772359445, '%H:%M:%S')).toBe('10:04:05');
    expect(fn('date_trunc', 'hour', ts)).toBe('2026-03-01T10:00:00.000Z');
    expect(fn('date_trunc', 'week', ts)).toBe('2026-02-23T00:00:00.000Z');
    expect(fn('date_trunc', 'month', ts)).toBe('2026-03-01T00:00:00.000Z');
    expect(fn('date_trunc', 'fortnight', ts)).toBeNull();
    expect(fn('hour', ts)).toBe(10);
    expect(fn('day_of_week', ts)).toBe(0);
    expect(fn('hour', 'not a time')).toBeNull();
    expect(typeof compileExpr(call('now'))({})).toBe('string');
  });

  it('parse_json, ip_in_cidr for IPv4 and IPv6', () => {
    expect(fn('parse_json', '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(fn('parse_json', '{oops')).toBeNull();
    expect(fn('ip_in_cidr', '10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(fn('ip_in_cidr', '11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(fn('ip_in_cidr', '2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(fn('ip_in_cidr', '10.1.2.3', '2001:db8::/32')).toBe(false);
    expect(fn('ip_in_cidr', 'not-an-ip', '10.0.0.0/8')).toBeNull();
    expect(fn('ip_in_cidr', '10.1.2.3', '10.0.0.0/99')).toBeNull();
  });
});
