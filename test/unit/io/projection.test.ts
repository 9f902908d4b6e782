import { describe, expect, it } from 'vitest';
import { isJsSpace } from '../../../src/io/formats/clf-scan.js';
import { createDecoder, DecodeError, type LineDecoder } from '../../../src/io/formats/index.js';

const decoder = (kind: 'logfmt' | 'csv' | 'tsv' | 'nginx', fields: string[] | null): LineDecoder => createDecoder({ kind }, { fields });

/** Key order as the output shows it. */
const json = (v: unknown): string => JSON.stringify(v);

describe('logfmt projection', () => {
  it('keeps only the wanted keys, in the full record order (integer-like keys first), last value winning', () => {
    const line = 'b=1 10=x a=2 skip="q \\" q" 2=y b=3 flag';
    const full = decoder('logfmt', null).decode(line);
    expect(json(full)).toBe('{"2":"y","10":"x","b":3,"a":2,"skip":"q \\" q","flag":true}');
    expect(json(decoder('logfmt', ['a', 'b', '2', '10', 'flag', 'absent']).decode(line))).toBe('{"2":"y","10":"x","b":3,"a":2,"flag":true}');
  });

  it('still rejects a bad key or value that it does not keep', () => {
    const d = decoder('logfmt', ['a']);
    expect(() => d.decode('a=1 msg="oops')).toThrow(new DecodeError('logfmt: unterminated quoted value for key "msg"'));
    expect(() => d.decode('a=1 =2')).toThrow(new DecodeError('logfmt: "=" without a key at column 5'));
  });

  it('gives {} for a line without wanted keys and undefined for a blank line', () => {
    const d = decoder('logfmt', ['a']);
    expect(d.decode('b=1 c')).toEqual({});
    expect(d.decode(' \t')).toBeUndefined();
    expect(decoder('logfmt', []).decode('a=1')).toEqual({});
  });
});

describe('csv/tsv projection', () => {
  it('reads only the wanted columns, in the full record order, a repeated name under its own name', () => {
    const lines = ['b,a,b,1,x', '"p, q",2,3,4,"un""used"'];
    const fullD = decoder('csv', null);
    const projD = decoder('csv', ['a', 'b', '1', 'b_1', 'absent']);
    lines.forEach((l) => {
      fullD.decode(l);
      projD.decode(l);
    });
    expect(json(fullD.decode('"p, q",2,3,,"un""used"'))).toBe('{"1":null,"b":"p, q","a":2,"b_1":3,"x":"un\\"used"}');
    expect(json(projD.decode('"p, q",2,3,,"un""used"'))).toBe('{"1":null,"b":"p, q","a":2,"b_1":3}');
  });

  it('still checks the cell count and the quoting of cells it does not read', () => {
    const d = decoder('csv', ['a']);
    expect(d.decode('a,b,c')).toBeUndefined();
    expect(d.decode('1,"x",""')).toEqual({ a: 1 });
    expect(() => d.decode('1,2')).toThrow(new DecodeError('csv: expected 3 columns (as in the header), got 2'));
    expect(() => d.decode('1,"x"y,3')).toThrow(new DecodeError('csv: unexpected text after the closing quote in column 2'));
    expect(() => d.decode('1,2,"open')).toThrow(new DecodeError('csv: unterminated quoted field in column 3'));
  });

  it('names empty header cells _N and reads tsv too', () => {
    const d = decoder('csv', ['_2']);
    d.decode('a,,c');
    expect(d.decode('1,2,3')).toEqual({ _2: 2 });
    const t = decoder('tsv', ['c', 'a']);
    t.decode('a\tb\tc');
    expect(json(t.decode('x\t"q"\t'))).toBe('{"a":"x","c":null}');
    expect(() => t.decode('1\t2')).toThrow(new DecodeError('tsv: expected 3 columns (as in the header), got 2'));
  });
});

describe('nginx/apache projection', () => {
  const COMBINED = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a\\"b HTTP/1.0" 200 2326 "-" "UA \\"x\\"" rt=1';

  it('builds only the wanted fields, in the documented order', () => {
    expect(json(decoder('nginx', ['user_agent', 'status', 'path', 'extra']).decode(COMBINED))).toBe(
      '{"path":"/a\\"b","status":200,"user_agent":"UA \\"x\\"","extra":"rt=1"}',
    );
    expect(decoder('nginx', ['referer', 'extra']).decode('::1 - - [t] "GET / HTTP/1.1" 304 -')).toEqual({ referer: null });
  });

  it('rejects what the full decode rejects and skips blank lines', () => {
    const d = decoder('nginx', ['status']);
    expect(() => d.decode('::1 - - [t] "GET / HTTP/1.1" 200')).toThrow(new DecodeError('line does not match the nginx combined log format'));
    expect(() => d.decode('::1 - - [t] "GET / HTTP/1.1\\')).toThrow(DecodeError);
    expect(d.decode(' \u00a0')).toBeUndefined();
  });

  it('treats as whitespace exactly what \\s matches in a JS regex', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isJsSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});
