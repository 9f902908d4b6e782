import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLF_REGEX, ClfDecoder } from '../../../src/io/formats/clf.js';
import { CLF_FIELDS } from '../../../src/io/formats/clf-projected.js';
import { newClfSpans, scanClf } from '../../../src/io/formats/clf-scan.js';
import { mutated, RUNS } from './mutate.js';
import { firstMismatch } from './projection-helpers.js';

/** Whitespace and line terminators that `\S`, ` +` and `.` treat differently, and the syntax characters. */
const SPECIAL = ' \t\r\n\u000b\u000c\u00a0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\uFEFF\u180e"\\[]-';

/** Mostly `usual`, sometimes `odd`. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: odd, weight: 1 });

const TOKEN = mostly(
  fc.constantFrom('-', '127.0.0.1', '::1', 'frank', '10.0.0.2'),
  fc.oneof(
    fc.constantFrom('a"b', '[x', 'x]', '\\', '"', '[', '-]'),
    fc.string({ unit: fc.constantFrom(...`ab1-"\\[]\u00a0\u200b\u180e`.split('')), minLength: 1, maxLength: 4 }),
  ),
);
const SEP = mostly(fc.constantFrom(' ', ' ', '  '), fc.constantFrom('\t', '', '\u00a0', ' \t', '\u3000'));
const TIME = mostly(fc.constantFrom('10/Oct/2000:13:55:36 -0700', '01/Jan/2024:00:00:00 +0000'), fc.constantFrom('', 't', 'a[b', '\n', 'x"y', ']'));
const QUOTED_PART = fc.constantFrom(
  'GET',
  ' ',
  '/x',
  'HTTP/1.1',
  'HTTP/',
  '\\"',
  '\\\\',
  '\\',
  '"',
  '\\\r',
  '\\\n',
  '\\\u2028',
  '\r',
  '\n',
  '\u2028',
  '-',
  'a',
  'get',
  '\\x16',
);
const QUOTED = mostly(
  fc.constantFrom(
    'GET /x HTTP/1.1',
    '-',
    '',
    'GET /',
    'get /x HTTP/1.0',
    '\\x16\\x03\\x01',
    'GET /a b HTTP/1.1',
    'GET  /x HTTP/1.1',
    'POST /q?a=\\"b\\" HTTP/2.0',
    ' GET /x HTTP/1.1',
    'GET /x HTTP/',
    'GET /x  HTTP/1.1',
    'http://example.com/',
    'Mozilla/5.0 (X11; Linux x86_64)',
    'a \\"quoted\\" agent',
    'x\\\\',
    'GET',
    'a\u2028b',
  ),
  fc.array(QUOTED_PART, { maxLength: 5 }).map((p) => p.join('')),
).map((s) => `"${s}"`);
const NUMBER = mostly(fc.constantFrom('200', '-', '404', '2326', '0'), fc.oneof(fc.constantFrom('2xx', '007', '1e3', '-5', '12345678901234567890'), TOKEN));
const EXTRA = mostly(
  fc.constantFrom('', '', '', ' 0.123', ' "10.1.1.1" rt=0.123'),
  fc.constantFrom(' ', '\t', ' \r', 'x', ' "a" "b"', ' \n', '  "unterminated', ' -', '"c"', ' "\u2028"', '\u00a0'),
);

/** A combined or common log line built from parts that are each sometimes off. */
const LINE = fc
  .tuple(
    fc.tuple(TOKEN, SEP, TOKEN, SEP, TOKEN, SEP),
    fc.tuple(TIME, mostly(fc.constant('['), fc.constant('')), mostly(fc.constant(']'), fc.constant('')), SEP),
    fc.tuple(QUOTED, SEP, NUMBER, SEP, NUMBER),
    fc.option(fc.tuple(SEP, QUOTED, SEP, QUOTED), { freq: 3 }),
    EXTRA,
  )
  .map(
    ([[a, s1, l, s2, u, s3], [t, open, close, s4], [req, s5, status, s6, bytes], pair, extra]) =>
      `${a}${s1}${l}${s2}${u}${s3}${open}${t}${close}${s4}${req}${s5}${status}${s6}${bytes}` + `${pair === null ? '' : pair.join('')}${extra}`,
  );

const ADVERSARIAL = mutated(LINE, SPECIAL + 'a1 ');

/** The regex's groups, or null; absent optional groups as undefined. */
function regexGroups(line: string): (string | undefined)[] | null {
  const m = CLF_REGEX.exec(line);
  return m === null ? null : m.slice(1);
}

function scannerGroups(line: string): (string | undefined)[] | null {
  const s = newClfSpans();
  if (!scanClf(line, s)) return null;
  const groups: (string | undefined)[] = [];
  for (let g = 0; g < 10; g++) groups.push(s[2 * g] === -1 ? undefined : line.slice(s[2 * g], s[2 * g + 1]));
  return groups;
}

const FIELDS = fc.subarray([...CLF_FIELDS, 'other']);

function check(line: string, fields: string[]): void {
  expect(scannerGroups(line)).toEqual(regexGroups(line));
  expect(firstMismatch(new ClfDecoder('nginx', [...CLF_FIELDS]), new ClfDecoder('nginx'), [...CLF_FIELDS], [line])).toBeNull();
  expect(firstMismatch(new ClfDecoder('apache', fields), new ClfDecoder('apache'), fields, [line])).toBeNull();
}

describe('nginx/apache scanner (= the regex) and projection: properties', () => {
  it('finds the groups the regex finds, and projects as the full decode, on built lines', () => {
    fc.assert(fc.property(LINE, FIELDS, check), { numRuns: RUNS * 2 });
  });

  it('the same on lines with random edits', () => {
    fc.assert(fc.property(ADVERSARIAL, FIELDS, check), { numRuns: RUNS * 2 });
  });

  it('the same on arbitrary text', () => {
    const text = fc.string({ unit: fc.constantFrom(...(SPECIAL + 'a1').split('')), maxLength: 40 });
    fc.assert(fc.property(fc.oneof(text, fc.string()), FIELDS, check), { numRuns: RUNS });
  });
});
