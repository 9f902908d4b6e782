import { describe, expect, it } from 'vitest';
import { compileGetPath, getPath } from '../../../src/engine/expr/get-path.js';
import type { Rec } from '../../../src/common/record.js';

/** Both readers must agree on every case. */
function read(rec: Rec, path: string[]): unknown {
  const a = getPath(rec, path);
  expect(compileGetPath(path)(rec)).toEqual(a);
  return a;
}

describe('field paths', () => {
  it('reads top-level and nested fields', () => {
    expect(read({ a: 1 }, ['a'])).toBe(1);
    expect(read({ http: { status: 200 } }, ['http', 'status'])).toBe(200);
    expect(read({ a: { b: { c: 'x' } } }, ['a', 'b', 'c'])).toBe('x');
  });

  it('reads missing fields as null', () => {
    expect(read({}, ['a'])).toBeNull();
    expect(read({ a: null }, ['a'])).toBeNull();
    expect(read({ a: 1 }, ['a', 'b'])).toBeNull();
    expect(read({ a: 'str' }, ['a', 'length'])).toBeNull();
    expect(read({ a: { b: 1 } }, ['a', 'c', 'd'])).toBeNull();
  });

  it('prefers a literal dotted top-level key (logfmt)', () => {
    expect(read({ 'http.status': '503', http: { status: 200 } }, ['http', 'status'])).toBe('503');
    expect(read({ 'a.b.c': 1, a: { b: { c: 2 } } }, ['a', 'b', 'c'])).toBe(1);
    expect(read({ 'a.b': null, a: { b: 2 } }, ['a', 'b'])).toBeNull();
  });

  it('indexes arrays with numeric segments', () => {
    expect(read({ tags: ['x', 'y'] }, ['tags', '1'])).toBe('y');
    expect(read({ tags: ['x'] }, ['tags', '5'])).toBeNull();
    expect(read({ tags: ['x'] }, ['tags', '01'])).toBeNull();
    expect(read({ a: [{ b: 1 }] }, ['a', '0', 'b'])).toBe(1);
  });

  it('never returns what a plain object inherits', () => {
    expect(read({}, ['constructor'])).toBeNull();
    expect(read({}, ['toString'])).toBeNull();
    expect(read({}, ['__proto__'])).toBeNull();
    expect(read({ a: {} }, ['a', 'hasOwnProperty'])).toBeNull();
    expect(read({ a: [] }, ['a', 'length'])).toBeNull();
    expect(read(JSON.parse('{"constructor": 5}') as Rec, ['constructor'])).toBe(5);
  });
});
