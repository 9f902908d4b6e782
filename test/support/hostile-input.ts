import fc from 'fast-check';
import { CsvDecoder, DecodeError } from '../../src/io/formats/index.js';
import { mutated } from '../unit/io/mutate.js';

export type Format = 'json' | 'logfmt' | 'csv' | 'tsv' | 'lines' | 'nginx' | 'apache' | 'regex';

const BOM = [0xef, 0xbb, 0xbf];

/** Well-formed lines of each format, to be kept, mutated and mixed with garbage. */
const VALID: Record<Format, string[]> = {
  json: ['{"a":1,"status":200,"path":"/x"}', '{"a":"é\\u00e9","b":[1,{"c":null}],"status":1e999}', '{}', '{"a":-0.5e-3,"line":true}'],
  logfmt: ['a=1 status=200 path=/x', 'msg="quoted \\" value" a=', 'flag a=x=y status=-1e999'],
  csv: ['a,status,path', '1,200,/x', '"q,1","say ""hi""",', 'x,,"\r"'],
  tsv: ['a\tstatus\tpath', '1\t200\t/x', '"q"\t\t'],
  lines: ['anything at all', ''],
  nginx: [
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://x/" "Mozilla/4.08"',
    '10.0.0.2 - - [10/Oct/2000:13:55:37 -0700] "POST /api HTTP/1.1" 502 - "-" "curl \\"q\\"" extra',
  ],
  apache: ['10.0.0.3 - - [10/Oct/2000:13:55:38 -0700] "HEAD / HTTP/1.1" 304 -'],
  regex: ['word the rest', 'x y'],
};

/** Characters that break formats: quotes, escapes, separators, controls, odd whitespace. */
const HOSTILE_CHARS = '"\'\\,\t =[]{}:-\u0000\u0001\u001b\u007f\u00a0\u2028\u2029\uFEFF\uFFFD😀é';

/** Bytes that are not valid UTF-8: lone continuation, truncated sequences, overlong, surrogates. */
const INVALID_UTF8: number[][] = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98]];

const nested = (levels: number, open: string, close: string, inner = ''): string => open.repeat(levels) + inner + close.repeat(levels);

/** Pieces of a line: text of the format, mutated text, and raw garbage. */
function piece(format: Format): fc.Arbitrary<Buffer> {
  const valid = fc.constantFrom(...VALID[format]);
  const text = fc
    .oneof(
      { arbitrary: valid, weight: 4 },
      { arbitrary: mutated(valid, HOSTILE_CHARS), weight: 6 },
      { arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS.split('')), maxLength: 12 }), weight: 2 },
      { arbitrary: fc.constantFrom('', ' ', '\t', ' \t ', '\u00a0', '\r'), weight: 2 },
      // Deep nesting around the JSON limit (500 levels), and far beyond it.
      {
        arbitrary: fc
          .constantFrom(499, 500, 501, 3000)
          .chain((n) => fc.constantFrom(nested(n, '[', ']'), `{"a":${nested(n - 1, '{"a":', '}', '1')}}`, `{"a":${nested(n, '[', ']')}}`)),
        weight: 1,
      },
      // Long runs, over the line limit of some runs (the limit is drawn from 24 to 400 bytes).
      { arbitrary: fc.tuple(fc.constantFrom('x', '"', '{', ' ', 'é'), fc.integer({ min: 20, max: 500 })).map(([c, n]) => c.repeat(n)), weight: 1 },
      { arbitrary: fc.constantFrom('1e999', '-1e999', '9'.repeat(400), '{"a":1e999}', `{"n":-${'1'.repeat(400)}}`), weight: 1 },
    )
    .map((s) => Buffer.from(s, 'utf8'));
  const raw = fc
    .oneof(
      fc.uint8Array({ maxLength: 24 }),
      fc.constantFrom(...INVALID_UTF8).map((b) => Uint8Array.from(b)),
      fc.constant(Uint8Array.from(BOM)),
    )
    .map((b) => Buffer.from(b));
  return fc.oneof({ arbitrary: text, weight: 5 }, { arbitrary: raw, weight: 1 });
}

/** A line of 1–3 pieces; line ends mix LF, CRLF, stray CR and empty lines. */
function input(format: Format): fc.Arbitrary<Buffer> {
  const line = fc.array(piece(format), { minLength: 1, maxLength: 3 }).map((ps) => Buffer.concat(ps));
  const end = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\n\n', '\r\r\n');
  const body = fc
    .array(fc.tuple(line, end), { maxLength: 12 })
    .chain((ls) => fc.tuple(fc.constant(ls), fc.boolean()))
    .map(([ls, lastEnd]) => Buffer.concat(ls.flatMap(([l, e], i) => (i === ls.length - 1 && !lastEnd ? [l] : [l, Buffer.from(e)]))));
  const start = fc.constantFrom([], [], [], BOM, BOM.slice(0, 2)).map((b) => Buffer.from(b));
  const structured = fc.tuple(start, body).map(([s, b]) => Buffer.concat([s, b]));
  return fc.oneof({ arbitrary: structured, weight: 9 }, { arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), weight: 1 });
}

/** Hostile input bytes per format. */
export const HOSTILE_INPUT: Record<Format, fc.Arbitrary<Buffer>> = {
  json: input('json'),
  logfmt: input('logfmt'),
  csv: input('csv'),
  tsv: input('tsv'),
  lines: input('lines'),
  nginx: input('nginx'),
  apache: input('apache'),
  regex: input('regex'),
};

/** The lines of the input as the framer cuts them: a leading byte order mark dropped, CR removed. */
export function linesOf(input: Buffer): { bytes: number; text: string }[] {
  const start = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const lines: { bytes: number; text: string }[] = [];
  for (let pos = start; pos < input.length; ) {
    let nl = input.indexOf(10, pos);
    if (nl < 0) nl = input.length;
    const end = nl > pos && input[nl - 1] === 13 ? nl - 1 : nl;
    lines.push({ bytes: nl - pos, text: input.toString('utf8', pos, end) });
    pos = nl + 1;
  }
  return lines;
}

const blank = (text: string): boolean => /^[ \t\r]*$/.test(text);

/** True when a csv/tsv line can be a header row (else it is a bad record, and the next is tried). */
function readsAsRow(kind: 'csv' | 'tsv', text: string): boolean {
  try {
    new CsvDecoder(kind).setHeader(text);
    return true;
  } catch (err) {
    if (err instanceof DecodeError) return false;
    throw err;
  }
}

/**
 * Lines that rightly give neither a record nor a bad record: blank ones (for `nginx`, `apache`
 * and `regex` any JS whitespace; for the others spaces, tabs and CR; none for `lines`), and the
 * csv/tsv header row. Lines longer than `maxLineBytes` are bad records.
 */
export function skippedLines(format: Format, input: Buffer, maxLineBytes: number): number {
  let n = 0;
  let header = false;
  for (const { bytes, text } of linesOf(input)) {
    if (bytes > maxLineBytes || format === 'lines') continue;
    if (format === 'nginx' || format === 'apache' || format === 'regex') {
      if (text.trim() === '') n++;
    } else if (blank(text)) {
      n++;
    } else if ((format === 'csv' || format === 'tsv') && !header && readsAsRow(format, text)) {
      header = true;
      n++;
    }
  }
  return n;
}

/** The first stage for a format (`regex` with a pattern of two named groups). */
export function formatStage(format: Format): string {
  return format === 'regex' ? 'regex "^(?<a>\\S+) (?<b>.*)$"' : format;
}
