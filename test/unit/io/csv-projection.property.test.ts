import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvDecoder } from '../../../src/io/formats/index.js';
import { mutated, RUNS, someFields } from './mutate.js';
import { firstMismatch } from './projection-helpers.js';

/** Header names: duplicates, empty (→ `_N`), integer-like, prototype names, and ones needing quotes. */
const NAME_POOL = ['a', 'b', 'host', 'status', '', '_2', '_3', '1', '0', '42', '01', '__proto__', 'constructor', 'x,y', 'say "hi"', 'é', ' a'];
const NAME = fc.oneof(fc.constantFrom(...NAME_POOL), fc.stringMatching(/^[a-z0-9_]{1,3}$/));
const CELL = fc.constantFrom('', '', 'x', '12', '007', '-3', '1e2', '1.5', 'a,b', 'say "hi"', '"', ' x ', 'true', '12345678901234567890', 'é😀');

/** A csv cell as written: quoted when it must be, and sometimes when it need not be. */
function csvCell(cell: string, quote: boolean): string {
  return quote || /[",]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const csvRow = (cells: string[], quotes: boolean[]): string => cells.map((c, j) => csvCell(c, quotes[j] === true)).join(',');

/** Header and rows with the header's number of cells, sometimes one more or one less. */
const TABLE = fc.array(NAME, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc.record({
    names: fc.constant(names),
    rows: fc.array(
      fc
        .integer({ min: -1, max: 1 })
        .chain((d) =>
          fc.tuple(
            fc.array(CELL, { minLength: Math.max(1, names.length + d), maxLength: Math.max(1, names.length + d) }),
            fc.array(fc.boolean(), { maxLength: names.length + 1 }),
          ),
        ),
      { maxLength: 5 },
    ),
    quotes: fc.array(fc.boolean(), { maxLength: names.length }),
    bom: fc.boolean(),
    blank: fc.constantFrom('', ' ', '\t'),
  }),
);

/** Names a projection may ask for: the header's, empty ones as `_N`, and repeats' suffixed forms. */
function names(header: string[]): string[] {
  return header.flatMap((n, i) => {
    const name = n === '' ? `_${i + 1}` : n;
    return [name, `${name}_1`, `${name}_2`, `${name}_1_1`];
  });
}

function check(kind: 'csv' | 'tsv', lines: string[], fields: string[]): void {
  const mismatch = firstMismatch(new CsvDecoder(kind, fields), new CsvDecoder(kind), fields, lines);
  expect(mismatch).toBeNull();
  // The same through setHeader, as a worker that did not see line 1 gets it.
  const [header, ...rows] = lines.filter((l) => l.trim() !== '');
  if (header === undefined) return;
  const projected = new CsvDecoder(kind, fields);
  const full = new CsvDecoder(kind);
  let primed = true;
  try {
    full.setHeader(header);
  } catch {
    primed = false;
  }
  if (!primed) return;
  projected.setHeader(header);
  expect(firstMismatch(projected, full, fields, rows)).toBeNull();
}

describe('csv projection: properties', () => {
  it('equals the full decode picked to the fields, on well-formed tables', () => {
    fc.assert(
      fc.property(
        TABLE.chain((t) => fc.tuple(fc.constant(t), someFields(names(t.names), NAME_POOL))),
        ([t, fields]) => {
          const header = (t.bom ? '\uFEFF' : '') + csvRow(t.names, t.quotes);
          check('csv', [t.blank, header, ...t.rows.map(([cells, quotes]) => csvRow(cells, quotes)), t.blank], fields);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('equals it (or throws the same DecodeError) on rows with random edits', () => {
    const table = TABLE.chain((t) =>
      fc.tuple(
        fc.constant(t),
        fc.array(mutated(fc.constant(csvRow(...(t.rows[0] ?? [['x'], []]))), ',"x1 \t'), { maxLength: 3 }),
        mutated(fc.constant(csvRow(t.names, t.quotes)), ',"x'),
        someFields(names(t.names), NAME_POOL),
      ),
    );
    fc.assert(
      fc.property(table, ([t, bad, badHeader, fields]) => {
        const rows = t.rows.map(([cells, quotes]) => csvRow(cells, quotes));
        check('csv', [csvRow(t.names, t.quotes), ...bad, ...rows], fields);
        check('csv', [badHeader, ...rows, ...bad], fields);
      }),
      { numRuns: RUNS },
    );
  });

  it('equals it on arbitrary csv text', () => {
    const text = fc.string({ unit: fc.constantFrom(...',"a1 \t'.split('')), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.subarray(['a', '1', '_1', '_2', '_3', '"', 'a1']), (lines, fields) =>
        check('csv', lines, fields),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('tsv projection: properties', () => {
  it('equals the full decode picked to the fields', () => {
    const tsvName = NAME.filter((n) => !n.includes('\t'));
    const table = fc
      .array(tsvName, { minLength: 1, maxLength: 6 })
      .chain((header) =>
        fc.tuple(
          fc.constant(header),
          fc.array(fc.array(fc.oneof(CELL, fc.constantFrom('"', '"x"', '')), { minLength: header.length - 1, maxLength: header.length + 1 }), { maxLength: 5 }),
          someFields(names(header), NAME_POOL),
        ),
      );
    fc.assert(
      fc.property(table, ([header, rows, fields]) => {
        check('tsv', [header.join('\t'), ...rows.map((r) => r.join('\t'))], fields);
      }),
      { numRuns: RUNS },
    );
  });

  it('equals it on arbitrary tsv text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'\t"a1 ,'.split('')), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.subarray(['a', '1', '_1', '_2', '_3', 'a1']), (lines, fields) =>
        check('tsv', lines, fields),
      ),
      { numRuns: RUNS },
    );
  });
});
