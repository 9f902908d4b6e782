import fc from 'fast-check';
import { describe, it } from 'vitest';
import { formatIso } from '../../../src/common/time/format-iso.js';
import { formatStrftime } from '../../../src/common/time/strftime.js';
import { createTimestampParser } from '../../../src/common/time/timestamp-parser.js';

const MAX = 4_102_444_800_000; // 2100-01-01
const msArb = fc.integer({ min: 0, max: MAX - 1 });

/** `+hh:mm` / `+hhmm` for an offset in minutes, written independently of the code under test. */
function offsetText(min: number, colon: boolean): string {
  const a = Math.abs(min);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${min < 0 ? '-' : '+'}${hh}${colon ? ':' : ''}${mm}`;
}

describe('timestamp round trips', () => {
  it('parse(formatIso(ms)) === ms', () => {
    const parse = createTimestampParser();
    fc.assert(
      fc.property(msArb, (ms) => parse(formatIso(ms)) === ms),
      { numRuns: 5000 },
    );
  });

  it('formatIso agrees with Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => formatIso(ms) === new Date(ms).toISOString()),
      { numRuns: 5000 },
    );
  });

  it('local time with an offset parses back to the instant', () => {
    const parse = createTimestampParser();
    const offsetArb = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    fc.assert(
      fc.property(msArb, offsetArb, fc.boolean(), fc.boolean(), (ms, off, colon, space) => {
        // The wall clock at that offset, written via Date's UTC fields of ms + offset.
        const local = new Date(ms + off * 60_000).toISOString().slice(0, 23);
        const text = `${space ? local.replace('T', ' ') : local}${offsetText(off, colon)}`;
        return parse(text) === ms;
      }),
      { numRuns: 5000 },
    );
  });

  it('strftime output parses back with the same format', () => {
    const fmt = '%Y-%m-%d %H:%M:%S.%f %z';
    const parse = createTimestampParser(fmt);
    fc.assert(
      fc.property(msArb, (ms) => parse(formatStrftime(ms, fmt)) === ms),
      { numRuns: 3000 },
    );
  });

  it('epoch seconds and milliseconds, as numbers and strings, parse back', () => {
    const parse = createTimestampParser();
    fc.assert(
      fc.property(fc.integer({ min: 100_000_000_000, max: MAX - 1 }), (ms) => {
        const s = Math.floor(ms / 1000);
        return (
          parse(ms) === ms &&
          parse(String(ms)) === ms &&
          parse(s) === s * 1000 &&
          parse(String(s)) === s * 1000 &&
          parse(`${s}.${String(ms % 1000).padStart(3, '0')}`) === ms
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('CLF text parses back', () => {
    const parse = createTimestampParser();
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX / 1000 - 1 }), fc.integer({ min: -720, max: 840 }), (sec, off) => {
        const d = new Date(sec * 1000 + off * 60_000);
        const p2 = (n: number): string => String(n).padStart(2, '0');
        const text =
          `${p2(d.getUTCDate())}/${mon[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:` +
          `${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${offsetText(off, false)}`;
        return parse(text) === sec * 1000;
      }),
      { numRuns: 3000 },
    );
  });
});
