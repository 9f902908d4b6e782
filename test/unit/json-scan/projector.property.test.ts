import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcome, project, reference, same, sameOutcome } from './helpers.js';

/** Runs per property; raise locally (e.g. JSON_SCAN_RUNS=20000) for a deeper search. */
const RUNS = Number(process.env.JSON_SCAN_RUNS ?? 500);

const WS = fc.constantFrom('', '', '', ' ', '\t', '\n', '\r\n', '  ');
const KEY = fc.oneof(
  fc.constantFrom('a', 'b', 'status', 'ts', '__proto__', '1', '', 'é', 'k\u0000', '"'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

/** A key as JSON text, sometimes with every character written as a \u escape. */
const keyText = (key: string, escape: boolean): string => escape
  ? `"${[...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
  : JSON.stringify(key);

const ENTRY = fc.record({
  key: KEY,
  escape: fc.boolean(),
  value: fc.jsonValue(),
  indent: fc.constantFrom(undefined, 1, '\t', ' \r\n'),
  ws: fc.tuple(WS, WS, WS, WS),
});

/** An object line with duplicate keys, escapes and whitespace anywhere JSON allows. */
const LINE = fc.tuple(fc.array(ENTRY, { maxLength: 8 }), WS, WS).map(([entries, lead, trail]) => {
  const body = entries.map((e) => `${e.ws[0]}${keyText(e.key, e.escape)}${e.ws[1]}:${e.ws[2]}`
    + `${JSON.stringify(e.value, null, e.indent)}${e.ws[3]}`);
  return { line: `${lead}{${body.join(',')}}${trail}`, keys: entries.map((e) => e.key) };
});

const FIELDS = (keys: string[]) => fc.tuple(
  fc.subarray(keys), fc.array(KEY, { maxLength: 3 }),
).map(([some, other]) => [...some, ...other]);

const INSERT = fc.constantFrom(...'{}[]",:\\ 0123456789-+.eEtfnulrasx\t\n\r\u0000\u001f\u007fé\uFEFF😀'.split(''));

describe('json projector: properties', () => {
  it('equals JSON.parse + pick on valid object lines', () => {
    fc.assert(fc.property(LINE.chain((l) => fc.tuple(fc.constant(l.line), FIELDS(l.keys), fc.nat(3))),
      ([line, fields, shift]) => {
        const got = project(fields, line, shift);
        const want = reference(fields, line);
        expect(same(got, want)).toBe(true);
      }), { numRuns: RUNS });
  });

  it('numbers parse to the same double as JSON.parse', () => {
    const num = fc.tuple(fc.boolean(), fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,20}$/)),
      fc.option(fc.stringMatching(/^[0-9]{1,25}$/)), fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,3}$/)))
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp ?? ''}`);
    fc.assert(fc.property(fc.oneof(num, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)), (text) => {
      expect(Object.is(project(['n'], `{"n":${text}}`)!.n, JSON.parse(text))).toBe(true);
    }), { numRuns: RUNS });
  });

  it('matches JsonDecoder on mutated lines: same record or same DecodeError message', () => {
    const mutated = fc.tuple(LINE, fc.array(fc.tuple(fc.boolean(), fc.nat(), INSERT), { minLength: 1, maxLength: 3 }))
      .map(([l, edits]) => {
        let text = l.line;
        for (const [insert, at, ch] of edits) {
          const p = at % (text.length + 1);
          text = insert ? text.slice(0, p) + ch + text.slice(p) : text.slice(0, p) + text.slice(p + 1);
        }
        return { text, keys: l.keys };
      });
    fc.assert(fc.property(mutated.chain((m) => fc.tuple(fc.constant(m.text), FIELDS(m.keys))), ([text, fields]) => {
      expect(sameOutcome(outcome(() => project(fields, text)), outcome(() => reference(fields, text)))).toBe(true);
    }), { numRuns: RUNS });
  });

  it('matches JsonDecoder on arbitrary text and bytes', () => {
    const bytes = fc.oneof(
      fc.string().map((s) => Buffer.from(s)),
      fc.string({ unit: 'binary' }).map((s) => Buffer.from(`{"a":"${s}"}`)),
      fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b)),
      fc.tuple(LINE, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 })).map(([l, at, b]) => {
        const s = Buffer.from(l.line);
        const p = at % (s.length + 1);
        return Buffer.concat([s.subarray(0, p), b, s.subarray(p)]);
      }),
    );
    fc.assert(fc.property(bytes, fc.subarray(['a', 'b', '', 'status', '\uFFFD']), fc.nat(3), (line, fields, shift) => {
      expect(sameOutcome(outcome(() => project(fields, line, shift)), outcome(() => reference(fields, line)))).toBe(true);
    }), { numRuns: RUNS });
  });
});
