import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonProjector } from '../../../src/io/formats/json-scan/index.js';
import { outcome, project, reference, same, sameOutcome } from './helpers.js';

/** Runs per property; raise locally (e.g. JSON_SCAN_RUNS=20000) for a deeper search. */
const RUNS = Number(process.env.JSON_SCAN_RUNS ?? 500);

const WS = fc.constantFrom('', '', '', ' ', '\t', '\n', '\r\n', '  ');
const KEY = fc.oneof(
  fc.constantFrom('a', 'b', 'status', 'ts', '__proto__', '1', '', 'é', 'k\u0000', '"'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

/** A key as JSON text, sometimes with every character written as a \u escaped. */
const keyText = (key: string, escaped: boolean): string =>
  escaped ? `"${[...key].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"` : JSON.stringify(key);

const ENTRY = fc.record({
  key: KEY,
  escaped: fc.boolean(),
  value: fc.jsonValue(),
  indent: fc.constantFrom(undefined, 1, '\t', ' \r\n'),
  ws: fc.tuple(WS, WS, WS, WS),
});

/** An object line with duplicate keys, escapes and whitespace anywhere JSON allows. */
const LINE = fc.tuple(fc.array(ENTRY, { maxLength: 8 }), WS, WS).map(([entries, lead, trail]) => {
  const body = entries.map((e) => `${e.ws[0]}${keyText(e.key, e.escaped)}${e.ws[1]}:${e.ws[2]}` + `${JSON.stringify(e.value, null, e.indent)}${e.ws[3]}`);
  return { line: `${lead}{${body.join(',')}}${trail}`, keys: entries.map((e) => e.key) };
});

const FIELDS = (keys: string[]) => fc.tuple(fc.subarray(keys), fc.array(KEY, { maxLength: 3 })).map(([some, other]) => [...some, ...other]);

const INSERT = fc.constantFrom(...'{}[]",:\\ 0123456789-+.eEtfnulrasx\t\n\r\u0000\u001f\u007fé\uFEFF😀'.split(''));

describe('json projector: properties', () => {
  it('equals JSON.parse + pick on valid object lines', () => {
    fc.assert(
      fc.property(
        LINE.chain((l) => fc.tuple(fc.constant(l.line), FIELDS(l.keys), fc.nat(3))),
        ([line, fields, shift]) => {
          const got = project(fields, line, shift);
          const want = reference(fields, line);
          expect(same(got, want)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('numbers parse to the same double as JSON.parse', () => {
    const num = fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,20}$/)),
        fc.option(fc.stringMatching(/^[0-9]{1,25}$/)),
        fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,3}$/)),
      )
      .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp ?? ''}`);
    fc.assert(
      fc.property(fc.oneof(num, fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)), (text) => {
        expect(Object.is(project(['n'], `{"n":${text}}`)!.n, JSON.parse(text))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('matches JsonDecoder on mutated lines: same record or same DecodeError message', () => {
    const mutated = fc.tuple(LINE, fc.array(fc.tuple(fc.boolean(), fc.nat(), INSERT), { minLength: 1, maxLength: 3 })).map(([l, edits]) => {
      let text = l.line;
      for (const [insert, at, ch] of edits) {
        const p = at % (text.length + 1);
        text = insert ? text.slice(0, p) + ch + text.slice(p) : text.slice(0, p) + text.slice(p + 1);
      }
      return { text, keys: l.keys };
    });
    fc.assert(
      fc.property(
        mutated.chain((m) => fc.tuple(fc.constant(m.text), FIELDS(m.keys))),
        ([text, fields]) => {
          expect(
            sameOutcome(
              outcome(() => project(fields, text)),
              outcome(() => reference(fields, text)),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
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
    fc.assert(
      fc.property(bytes, fc.subarray(['a', 'b', '', 'status', '\uFFFD']), fc.nat(3), (line, fields, shift) => {
        expect(
          sameOutcome(
            outcome(() => project(fields, line, shift)),
            outcome(() => reference(fields, line)),
          ),
        ).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('one projector over a chunk of lines that share and break a key order equals JsonDecoder per line', () => {
    // Lines made from one set of keys, with keys renamed, reordered, dropped, lengthened or
    // shortened by a byte, values of every type, and bytes inserted: the key templates learned
    // from earlier lines must never accept a line or a key they should not.
    const names = ['ts', 'status', 'route', 'latency_ms', 'a', 'user_agent_x'];
    const variant = fc.constantFrom(...names, 'statu', 'statuss', 'Status', 'st\u0061tus', 'latency_m', 'latency_msx', 'tß', 'b');
    const ws = fc.constantFrom('', '', ' ', '\t', '\r', '  ');
    const entry = fc.tuple(variant, fc.jsonValue({ maxDepth: 1 }), ws, ws);
    const insert = INSERT.filter((ch) => ch !== '\n');
    type Entry = [string, unknown, string, string];
    const render = (entries: Entry[], edit: [number, string] | null): string => {
      let text = `{${entries.map(([k, v, a, b]) => `${a}"${k}"${b}:${JSON.stringify(v)}`).join(',')}}`;
      if (edit !== null) {
        const p = edit[0] % (text.length + 1);
        text = text.slice(0, p) + edit[1] + text.slice(p);
      }
      return text;
    };
    // Each later line is the first one with one key swapped for a look-alike and maybe a byte
    // inserted, so the same position sees near-miss keys one after the other.
    const change = fc.tuple(fc.nat(), variant, fc.jsonValue({ maxDepth: 1 }), fc.option(fc.tuple(fc.nat(), insert), { freq: 4 }));
    const shaped = fc.tuple(fc.array(entry, { minLength: 1, maxLength: 7 }), fc.array(fc.option(change, { freq: 3 }), { minLength: 2, maxLength: 12 }));
    fc.assert(
      fc.property(shaped, fc.subarray(['ts', 'status', 'latency_ms', 'b', 'tß']), ([base, changes], fields) => {
        const lines = changes.map((ch) => {
          if (ch === null) return render(base as Entry[], null);
          const entries = (base as Entry[]).map((e) => [...e] as Entry);
          const at = ch[0] % entries.length;
          entries[at]![0] = ch[1];
          entries[at]![1] = ch[2];
          return render(entries, ch[3]);
        });
        const buf = Buffer.from(lines.join('\n') + '\n');
        const projector = createJsonProjector(fields);
        let pos = 0;
        for (const text of lines) {
          const end = buf.indexOf(10, pos);
          const got = outcome(() => projector.decode(buf, pos, end));
          expect(
            sameOutcome(
              got,
              outcome(() => reference(fields, text)),
            ),
          ).toBe(true);
          pos = end + 1;
        }
      }),
      { numRuns: RUNS },
    );
  });
});
