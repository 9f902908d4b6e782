import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/common/errors.js';
import { createDecoder, DecodeError } from '../../../src/io/formats/index.js';

describe('regex', () => {
  const re = () => createDecoder({ kind: 'regex', pattern: '^(?<level>\\w+) (?<code>\\d+)(?: (?<rest>.*))?$' }, { fields: null });

  it('gives the named groups, numbers as numbers, missing groups as null', () => {
    expect(re().decode('WARN 404 not found')).toEqual({ level: 'WARN', code: 404, rest: 'not found' });
    expect(re().decode('INFO 007')).toEqual({ level: 'INFO', code: '007', rest: null });
  });

  it('keeps a group named __proto__ as a field', () => {
    const d = createDecoder({ kind: 'regex', pattern: '^(?<__proto__>\\S+) (?<b>.*)$' }, { fields: null });
    expect(JSON.stringify(d.decode('x y'))).toBe('{"__proto__":"x","b":"y"}');
  });

  it('rejects a line that does not match and skips blank lines', () => {
    expect(() => re().decode('nope')).toThrow(DecodeError);
    expect(() => re().decode('nope')).toThrow('line does not match the regex');
    expect(re().decode('')).toBeUndefined();
  });

  it('refuses a bad pattern or one without named groups', () => {
    expect(() => createDecoder({ kind: 'regex', pattern: '(' }, { fields: null })).toThrow(UsageError);
    expect(() => createDecoder({ kind: 'regex', pattern: '(\\d+)' }, { fields: null })).toThrow(/named groups/);
    expect(() => createDecoder({ kind: 'regex' }, { fields: null })).toThrow(UsageError);
  });
});
