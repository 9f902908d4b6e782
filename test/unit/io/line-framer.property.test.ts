import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, frameAll, linesOf } from './framing-helpers.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Bytes of a byte order mark at the start of `input` (dropped by the framer), or 0. */
const bomLength = (input: Buffer): number => (input.subarray(0, 3).equals(BOM) ? 3 : 0);

/**
 * The reference: drop a leading byte order mark, split the rest on \n (a trailing \n ends the
 * last line), CR stripped.
 */
function expectedLines(input: Buffer, maxLine: number): [number, string][] {
  const out: [number, string][] = [];
  let start = bomLength(input);
  let n = 1;
  while (start < input.length) {
    let nl = input.indexOf(10, start);
    if (nl < 0) nl = input.length;
    const len = nl - start;
    let end = nl;
    if (end > start && input[end - 1] === 13) end--;
    out.push([n++, len > maxLine ? '<oversized>' : input.toString('utf8', start, end)]);
    start = nl + 1;
  }
  return out;
}

// Bytes rich in \n and \r, plus some multi-byte UTF-8 and invalid bytes, and byte order mark
// bytes (sometimes a whole mark, or part of one, at the start).
const byte = fc.oneof(fc.constantFrom(10, 10, 13, 0x61, 0x62, 0xc3, 0xa9, 0xff, 0xef, 0xbb, 0xbf), fc.integer({ min: 0, max: 255 }));
const start = fc.constantFrom([], [], [0xef, 0xbb, 0xbf], [0xef, 0xbb], [0xef]);
const input = fc.tuple(start, fc.array(byte, { maxLength: 400 })).map(([s, a]) => Buffer.from([...s, ...a]));
const sizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 });
const options = fc.record({
  targetChunkBytes: fc.integer({ min: 1, max: 48 }),
  maxLineBytes: fc.integer({ min: 1, max: 64 }),
  headBytes: fc.integer({ min: 1, max: 8 }),
  eager: fc.boolean(),
});

describe('LineFramer (property)', () => {
  it('yields exactly the lines of the input, numbered and located consistently', () => {
    fc.assert(
      fc.property(input, sizes, options, (buf, sz, opts) => {
        const chunks = frameAll(cut(buf, sz), opts);
        expect(linesOf(chunks)).toEqual(expectedLines(buf, opts.maxLineBytes));
        let offset = bomLength(buf);
        let line = 1;
        for (const c of chunks) {
          expect(c.startOffset).toBe(offset);
          expect(c.firstLine).toBe(line);
          if (c.oversized.length === 0) {
            expect(c.data.equals(buf.subarray(c.startOffset, c.endOffset))).toBe(true);
            expect(c.data.length).toBeLessThanOrEqual(Math.max(opts.targetChunkBytes, opts.maxLineBytes + 1));
            line += linesOf([c]).length;
          } else {
            expect(c.data.length).toBe(0);
            expect(c.oversized).toHaveLength(1);
            expect(c.oversized[0]?.line).toBe(c.firstLine);
            const lineEnd = buf[c.endOffset - 1] === 10 ? c.endOffset - 1 : c.endOffset;
            expect(lineEnd - c.startOffset).toBeGreaterThan(opts.maxLineBytes);
            const head = buf.subarray(c.startOffset, Math.min(lineEnd, c.startOffset + opts.headBytes));
            expect(c.oversized[0]?.head.equals(head)).toBe(true);
            line += 1;
          }
          expect(c.endOffset).toBeGreaterThan(c.startOffset);
          offset = c.endOffset;
        }
        expect(offset).toBe(buf.length);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts the same chunks however the input is split into buffers (non-eager)', () => {
    fc.assert(
      fc.property(input, sizes, options, (buf, sz, opts) => {
        const o = { ...opts, eager: false };
        const a = frameAll([buf], o).map((c) => [c.startOffset, c.endOffset, c.firstLine]);
        const b = frameAll(cut(buf, sz), o).map((c) => [c.startOffset, c.endOffset, c.firstLine]);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
