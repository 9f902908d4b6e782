import { describe, expect, it } from 'vitest';
import { createDecoder, DecodeError } from '../../../src/io/formats/index.js';

const json = () => createDecoder({ kind: 'json' }, { fields: null });

describe('json', () => {
  it('decodes one object per line', () => {
    expect(json().decode('{"a":1,"b":{"c":[true,null]},"s":"x"}')).toEqual({ a: 1, b: { c: [true, null] }, s: 'x' });
  });

  it('skips empty and whitespace-only lines', () => {
    expect(json().decode('')).toBeUndefined();
    expect(json().decode('  \t ')).toBeUndefined();
  });

  it('reports invalid JSON with the parser message', () => {
    expect(() => json().decode('{"a":')).toThrow(DecodeError);
    expect(() => json().decode('{oops}')).toThrow(/^invalid JSON: /);
  });

  it.each([
    ['[1,2]', 'an array'],
    ['42', 'a number'],
    ['"s"', 'a string'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('rejects %s: not an object', (line, what) => {
    expect(() => json().decode(line)).toThrow(`expected a JSON object, got ${what}`);
  });

  it('rejects a record nested deeper than the limit as a bad line, however deep', () => {
    const objects = (d: number) => '{"a":'.repeat(d) + '1' + '}'.repeat(d);
    expect(() => json().decode(objects(501))).toThrow(new DecodeError('JSON nested deeper than 500 levels'));
    expect(() => json().decode(objects(100_000))).toThrow(new DecodeError('JSON nested deeper than 500 levels'));
    expect(() => json().decode(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).toThrow(DecodeError);
    expect(() => json().decode('['.repeat(100_000) + ']'.repeat(100_000))).toThrow('expected a JSON object, got an array');
    const limit = json().decode(objects(500));
    let depth = 0;
    for (let v: unknown = limit; typeof v === 'object' && v !== null; v = (v as { a: unknown }).a) depth++;
    expect(depth).toBe(500);
  });

  it('takes a byte order mark inside the input for text (the framer drops one at the start)', () => {
    expect(() => json().decode('\uFEFF{"a":1}')).toThrow(DecodeError);
    expect(() => json().decode('\uFEFF')).toThrow(DecodeError);
  });
});

describe('lines', () => {
  it('wraps every line, keeping empty ones', () => {
    const d = createDecoder({ kind: 'lines' }, { fields: null });
    expect(d.decode('hello world')).toEqual({ line: 'hello world' });
    expect(d.decode('')).toEqual({ line: '' });
  });
});
