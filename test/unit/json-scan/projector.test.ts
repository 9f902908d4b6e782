import { describe, expect, it, vi } from 'vitest';
import { DecodeError } from '../../../src/engine/contracts/decoder.js';
import { JsonDecoder } from '../../../src/io/formats/json-scan/json-decoder.js';
import { createJsonProjector } from '../../../src/io/formats/json-scan/index.js';
import { outcome, project, reference, same } from './helpers.js';

const LOG =
  '{"ts":"2026-03-01T10:00:00.123Z","host":"web-07","route":"/api/v1/orders/:id","method":"GET",' +
  '"status":200,"latency_ms":12.5,"bytes":5120,"user":"u12345","ua":"Mozilla/5.0 (X11; Linux x86_64)"}';

/** Asserts the projector agrees with JSON.parse + pick, at several byte offsets. */
function agrees(fields: string[], line: string | Buffer): void {
  const want = outcome(() => reference(fields, line));
  for (let shift = 0; shift < 4; shift++) {
    const got = outcome(() => project(fields, line, shift));
    expect(got).toEqual(want);
    if ('ok' in got && 'ok' in want) expect(same(got.ok, want.ok)).toBe(true);
  }
}

describe('json projector: results', () => {
  it('keeps only requested fields, in line order', () => {
    expect(project(['status', 'ts'], LOG)).toEqual({ ts: '2026-03-01T10:00:00.123Z', status: 200 });
    expect(Object.keys(project(['status', 'ts'], LOG)!)).toEqual(['ts', 'status']);
    expect(project(['latency_ms', 'nope'], LOG)).toEqual({ latency_ms: 12.5 });
    expect(project([], LOG)).toEqual({});
  });

  it('keeps null values and leaves absent fields out', () => {
    expect(project(['a', 'b'], '{"a":null}')).toEqual({ a: null });
    expect(Object.keys(project(['a', 'b'], '{"a":null}')!)).toEqual(['a']);
  });

  it('returns undefined for blank lines', () => {
    for (const line of ['', ' ', '\t \r', '  \t']) expect(project(['a'], line)).toBeUndefined();
  });

  it.each([
    ['any key order and whitespace', ' {\t"b" : [1, 2] ,\r\n"a"\n:\t"x" } '],
    ['escaped keys', '{"st\\u0061tus":1,"\\u0061":2,"\\"q\\"":3}'],
    ['string escapes', '{"a":"l1\\nl2 \\"q\\" \\\\ \\/ \\b\\f\\r\\t \\u00e9 \\ud83d\\ude00 \\udc00"}'],
    ['nested values materialised', '{"a":{"x":[1,{"y":null}],"z":"}"},"b":[[],{}],"c":[]}'],
    ['skipped values of any shape', '{"s":"[{\\"","o":{"a":[1,"]",{"b":"}"}]},"r":[true,false,null,-1e5],"a":1}'],
    ['numbers', '{"a":-0,"b":1e5,"c":1.5E-3,"d":0.1,"e":-12.345,"f":123456789012345678,"g":1e400,"h":5e-324,"i":0}'],
    ['long decimals', '{"a":0.1000000000000000055511151231257827,"b":9007199254740993,"c":1.7976931348623157e308}'],
    ['literals', '{"a":true,"b":false,"c":null}'],
    ['duplicate keys: last wins, first position', '{"a":1,"b":2,"a":3,"b":{"x":1},"a":"s"}'],
    ['non-ASCII text', '{"a":"héllo wörld 日本 😀","ключ":"значение","b":"\\u65e5"}'],
    ['__proto__ as a field', '{"__proto__":{"x":1},"a":1}'],
    ['integer-like keys', '{"b":1,"2":2,"1":3,"a":4}'],
    ['empty object', '{}'],
    ['empty key and empty string', '{"":"","a":""}'],
  ])('%s', (_name, line) => {
    const fields = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'status', '"q"', 's', 'o', 'r', 'ключ', '__proto__', '1', '2', ''];
    agrees(fields, line);
    agrees(['a'], line);
  });

  it('decodes ordinary valid lines without the JSON.parse fallback', () => {
    const spy = vi.spyOn(JsonDecoder.prototype, 'decode');
    try {
      for (const line of [LOG, ' {"a" : [1, {"b": "\\u0041"}], "st\\u0061tus": "é"} ', '{}', '{"a":-1.5e3}']) {
        project(['status', 'a', 'ua', 'b'], line);
      }
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('decodes \\u escapes, surrogate pairs and invalid UTF-8 as JSON.parse does', () => {
    expect(project(['a'], '{"a":"\\ud83d\\ude00"}')).toEqual({ a: '😀' });
    const bad = Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xe2, 0x82]), Buffer.from('","b":"'), Buffer.from([0xff, 0xc3]), Buffer.from('\\n"}')]);
    agrees(['a', 'b'], bad);
    expect(project(['a'], bad)).toEqual({ a: 'x\uFFFD' });
  });

  it('reads numbers beyond the double range as JSON.parse does: ±Infinity, or 0', () => {
    const digits = '9'.repeat(400);
    for (const n of ['1e999', '-1e999', '1E+400', digits, `-${digits}`, `${digits}.5`, '1e-999', '-1e-999', '0.0e99999']) {
      agrees(['a', 'b'], `{"a":${n},"b":[${n}]}`);
    }
    expect(project(['a'], '{"a":-1e999}')).toEqual({ a: -Infinity });
    expect(project(['a'], `{"a":${digits}}`)).toEqual({ a: Infinity });
  });

  it('reads nesting up to the limit and rejects deeper nesting, as JsonDecoder does', () => {
    for (const d of [499, 500, 100_000]) {
      const arrays = '['.repeat(d) + ']'.repeat(d);
      const objects = '{"a":'.repeat(d) + '1' + '}'.repeat(d);
      for (const value of [arrays, objects]) {
        agrees(['a', 'b'], `{"a":${value},"b":1}`);
        agrees(['b'], `{"a":${value},"b":1}`);
      }
    }
    expect(project(['b'], `{"a":${'['.repeat(499)}${']'.repeat(499)},"b":1}`)).toEqual({ b: 1 });
    expect(() => project(['b'], `{"a":${'['.repeat(500)}${']'.repeat(500)},"b":1}`)).toThrow('JSON nested deeper than 500 levels');
  });
});

describe('json projector: invalid lines', () => {
  it.each([
    '{"a":1',
    '{"a":1}}',
    '{"a":[1,2}',
    '{"a":{"b":1]}',
    '{"a":1,}',
    '{"a":[1,]}',
    '{,"a":1}',
    '{"a" 1}',
    '{"a":tru}',
    '{"a":nul}',
    '{"a":True}',
    '{"a":"x\ty"}',
    '{"a":"x\u0001"}',
    '{"a":"\\x"}',
    '{"a":"\\u12g4"}',
    '{"a":01}',
    '{"a":-}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":1e}',
    '{"a":+1}',
    '{"a":1} x',
    '{"a":1}{}',
    '{a:1}',
    "{'a':1}",
    '{"a":"unterminated}',
    '{"b":[1,2],"a":1,"c":{"d":[}}',
    '{"a\u0000":1}',
    '{"a":NaN}',
    '[1,2]',
    '42',
    '"s"',
    'null',
    'true',
    '\uFEFF{"a":1}',
    '\uFEFF',
    '\n',
    '{"a":1}\uFEFF',
    '{"a":"\u2028"}',
  ])('%j: same outcome as JsonDecoder', (line) => {
    agrees(['a', 'b'], line);
    agrees([], line);
  });

  it('throws DecodeError with the reference message', () => {
    const p = createJsonProjector(['a']);
    const buf = Buffer.from('{"a":01}');
    expect(() => p.decode(buf, 0, buf.length)).toThrow(DecodeError);
    expect(() => project(['a'], '[1]')).toThrow('expected a JSON object, got an array');
    expect(() => project(['a'], '{"a":1,}')).toThrow(/^invalid JSON: /);
  });

  it('reuses one projector across lines, good and bad', () => {
    const p = createJsonProjector(['a', 'b']);
    const lines = ['{"a":1,"b":2}', '{"b":3,"a":4}', '{"a":', '{"b":5}', '', '{"a":6,"b":7}'];
    const buf = Buffer.from(lines.join('\n'));
    let at = 0;
    const got = lines.map((line) => {
      const start = at;
      at += Buffer.byteLength(line) + 1;
      return outcome(() => p.decode(buf, start, start + Buffer.byteLength(line)));
    });
    expect(got).toEqual(lines.map((line) => outcome(() => reference(['a', 'b'], line))));
    expect(Object.keys((got[1] as { ok: object }).ok)).toEqual(['b', 'a']);
  });
});
