import { describe, expect, it } from 'vitest';
import { createDecoder, DecodeError } from '../../../src/io/formats/index.js';

const logfmt = () => createDecoder({ kind: 'logfmt' }, { fields: null });

describe('logfmt', () => {
  it('reads keys, quoted values, bare flags and numbers', () => {
    expect(logfmt().decode('level=info msg="hello \\"big\\" world" flag n=42 t=1.5 id=007 http.status=200')).toEqual({
      level: 'info',
      msg: 'hello "big" world',
      flag: true,
      n: 42,
      t: 1.5,
      id: '007',
      'http.status': 200,
    });
  });

  it('keeps quoted numbers as text, types true/false, and reads empty values', () => {
    expect(logfmt().decode('a="12" b=true c=false d= e=""')).toEqual({ a: '12', b: true, c: false, d: '', e: '' });
  });

  it('unescapes \\n \\t \\\\ and tolerates extra spaces and tabs', () => {
    expect(logfmt().decode('  x="a\\nb\\tc\\\\d"\t\ty=1  ')).toEqual({ x: 'a\nb\tc\\d', y: 1 });
  });

  it('keeps a key named __proto__ as a field, in full and projected decodes', () => {
    expect(JSON.stringify(logfmt().decode('__proto__=1 a=2 __proto__'))).toBe('{"__proto__":true,"a":2}');
    const projected = createDecoder({ kind: 'logfmt' }, { fields: ['__proto__'] });
    expect(JSON.stringify(projected.decode('a=2 __proto__=x'))).toBe('{"__proto__":"x"}');
  });

  it('names a long key in an error message by its first 100 characters', () => {
    expect(() => logfmt().decode(`${'k'.repeat(5000)}="open`)).toThrow(new DecodeError(`logfmt: unterminated quoted value for key "${'k'.repeat(100)}…"`));
  });

  it('keeps the last value of a repeated key', () => {
    expect(logfmt().decode('k=1 k=2')).toEqual({ k: 2 });
  });

  it('skips blank lines', () => {
    expect(logfmt().decode('')).toBeUndefined();
    expect(logfmt().decode('   ')).toBeUndefined();
  });

  it('rejects an unterminated quote and a = without a key', () => {
    expect(() => logfmt().decode('msg="oops')).toThrow(DecodeError);
    expect(() => logfmt().decode('msg="oops')).toThrow('unterminated quoted value for key "msg"');
    expect(() => logfmt().decode('a=1 =2')).toThrow(/without a key/);
  });
});
