import { describe, expect, it } from 'vitest';
import { createJsonProjector } from '../../../src/io/formats/json-scan/index.js';

function decode(line: string, keepTime: boolean) {
  const p = createJsonProjector(['status'], { timeField: 'ts', keepTime });
  const buf = Buffer.from(line);
  const rec = p.decode(buf, 0, buf.length);
  return { rec, time: p.time };
}

const T = Date.UTC(2026, 2, 1, 10, 0, 5, 250);

describe('json projector: event time from the bytes', () => {
  it('reads an ISO time of the usual shape and leaves the string out when nothing else reads it', () => {
    expect(decode('{"ts":"2026-03-01T10:00:05.250Z","status":200}', false)).toEqual({ rec: { status: 200 }, time: T });
  });

  it('keeps the string when asked', () => {
    expect(decode('{"ts":"2026-03-01T10:00:05.250Z","status":200}', true)).toEqual({ rec: { ts: '2026-03-01T10:00:05.250Z', status: 200 }, time: T });
  });

  it('leaves other values in the record with time NaN, for the general parser', () => {
    for (const ts of ['"2026-03-01 10:00:05"', '1772359205', 'null', '"x"', '"2026-03-01T10:00:05+01:00"', '"2026-03-01T10:00:05\\u005a"']) {
      const { rec, time } = decode(`{"status":1,"ts":${ts}}`, false);
      expect(time).toBeNaN();
      expect(rec).toEqual({ status: 1, ts: JSON.parse(ts) });
    }
  });

  it('takes the last of duplicate time fields, as JSON.parse does', () => {
    expect(decode('{"ts":"2026-03-01T10:00:05.250Z","ts":"late","status":1}', false).time).toBeNaN();
    expect(decode('{"ts":"late","ts":"2026-03-01T10:00:05.250Z","status":1}', false).time).toBe(T);
  });

  it('gives NaN for a line that does not decode, even after reading its time', () => {
    const p = createJsonProjector(['status'], { timeField: 'ts', keepTime: false });
    const good = Buffer.from('{"ts":"2026-03-01T10:00:05.250Z","status":1}');
    p.decode(good, 0, good.length);
    const bad = Buffer.from('{"ts":"2026-03-01T10:00:05.250Z","status":}');
    expect(() => p.decode(bad, 0, bad.length)).toThrow();
    expect(p.time).toBeNaN();
  });

  it('forgets the time of the previous line', () => {
    const p = createJsonProjector(['status'], { timeField: 'ts', keepTime: false });
    const buf = Buffer.from('{"ts":"2026-03-01T10:00:05.250Z","status":1}\n{"status":2}');
    p.decode(buf, 0, 44);
    expect(p.time).toBe(T);
    expect(p.decode(buf, 45, buf.length)).toEqual({ status: 2 });
    expect(p.time).toBeNaN();
  });
});
