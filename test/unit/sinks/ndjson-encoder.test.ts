import { describe, expect, it } from 'vitest';
import { NdjsonEncoder } from '../../../src/io/sinks/ndjson-encoder.js';

describe('NdjsonEncoder', () => {
  it('writes one JSON object per line, fields in record order', () => {
    const enc = new NdjsonEncoder();
    const out = enc.encode({ b: 1, a: 'x' }) + enc.encode({ nested: { k: [1, null, true] }, s: 'héllo ✓ 日本', q: 'a"b\nc' }) + enc.flush();
    expect(out).toBe('{"b":1,"a":"x"}\n' + '{"nested":{"k":[1,null,true]},"s":"héllo ✓ 日本","q":"a\\"b\\nc"}\n');
  });

  it('writes non-finite numbers by name, at any depth, apart from null; an empty record as {}', () => {
    const enc = new NdjsonEncoder();
    expect(enc.encode({ n: Number.NaN, i: Infinity, m: -Infinity, z: null, d: { a: [1, -Infinity, null] } }) + enc.encode({})).toBe(
      '{"n":"NaN","i":"Infinity","m":"-Infinity","z":null,"d":{"a":[1,"-Infinity",null]}}\n{}\n',
    );
  });
});
