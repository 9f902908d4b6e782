import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogfmtDecoder } from '../../../src/io/formats/index.js';
import { mutated, RUNS, someFields } from './mutate.js';
import { firstMismatch } from './projection-helpers.js';

/** Keys, including integer-like ones (which a JS object orders first) and prototype names. */
const KEY_POOL = [
  'a',
  'b',
  'level',
  'status',
  'msg',
  'a.b',
  'é',
  'k"',
  '1',
  '0',
  '42',
  '-1',
  '01',
  '1.5',
  '4294967294',
  '4294967295',
  '9007199254740993',
  '__proto__',
  'constructor',
  'toString',
  '\uFEFF',
  'x\r',
];
const KEY = fc.oneof(fc.constantFrom(...KEY_POOL), fc.stringMatching(/^[a-z0-9_."\\\r]{1,4}$/));

const QUOTED_PART = fc.constantFrom('a', ' ', '=', 'x y', '\\"', '\\\\', '\\n', '\\t', '\\r', '\\x', '"', '\\', 'é', '😀', '\r');
const BARE = fc.constantFrom('1', '-2.5', '1e3', '007', 'true', 'false', 'null', 'x', 'a"b', '=', '==', 'a=b', '12345678901234567890', '"');

/** One `key`, `key=`, `key=bare` or `key="quoted"` token. */
const PAIR = fc
  .tuple(
    KEY,
    fc.oneof(
      fc.constant(null),
      fc.constant(''),
      BARE,
      fc.array(QUOTED_PART, { maxLength: 4 }).map((parts) => `"${parts.join('')}"`),
    ),
  )
  .map(([key, value]) => ({ key, text: value === null ? key : `${key}=${value}` }));

const SEP = fc.constantFrom(' ', ' ', ' ', '\t', '  ', '\r', ' \r ', '');

const LINE = fc
  .tuple(fc.constantFrom('', '', '\uFEFF', ' ', '\t '), fc.array(fc.tuple(PAIR, SEP), { maxLength: 7 }), fc.constantFrom('', '', ' ', '\r', '\t'))
  .map(([lead, pairs, trail]) => ({
    line: lead + pairs.map(([p, sep], j) => (j === 0 ? '' : sep || ' ') + p.text).join('') + trail,
    keys: pairs.map(([p]) => p.key),
  }));

/** Lines whose separators may be missing (`a="x"b=1`) and with random edits. */
const ADVERSARIAL = fc.oneof(
  fc.tuple(fc.array(fc.tuple(PAIR, SEP), { maxLength: 6 })).map(([pairs]) => ({
    line: pairs.map(([p, sep]) => p.text + sep).join(''),
    keys: pairs.map(([p]) => p.key),
  })),
  LINE.chain((l) => mutated(fc.constant(l.line), ' \t\r="\\a1\uFEFF').map((line) => ({ line, keys: l.keys }))),
);

function check(line: string, fields: string[]): void {
  const mismatch = firstMismatch(new LogfmtDecoder(fields), new LogfmtDecoder(), fields, [line]);
  expect(mismatch).toBeNull();
}

describe('logfmt projection: properties', () => {
  it('equals the full decode picked to the fields, on well-formed lines', () => {
    fc.assert(
      fc.property(
        LINE.chain((l) => fc.tuple(fc.constant(l.line), someFields(l.keys, KEY_POOL))),
        ([line, fields]) => check(line, fields),
      ),
      { numRuns: RUNS },
    );
  });

  it('equals it (or throws the same DecodeError) on adversarial lines', () => {
    fc.assert(
      fc.property(
        ADVERSARIAL.chain((l) => fc.tuple(fc.constant(l.line), someFields(l.keys, KEY_POOL))),
        ([line, fields]) => check(line, fields),
      ),
      { numRuns: RUNS },
    );
  });

  it('equals it on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...' \t\r="\\ab1é\uFEFF'.split('')), maxLength: 20 }),
        fc.subarray(['a', 'b', '1', 'ab', 'é', '"', 'a"']),
        (line, fields) => check(line, fields),
      ),
      { numRuns: RUNS },
    );
  });
});
