import { describe, expect, it } from 'vitest';
import { progressLine } from '../../../src/commands/progress-line.js';

const MiB = 1024 * 1024;
const at = (elapsedMs: number, bytes: number, records: number, bad = 0, late = 0) => ({ elapsedMs, bytes, records, bad, late });

describe('progressLine', () => {
  it('a known total: a bar, the share read, the current rates and an ETA', () => {
    const line = progressLine(at(2000, 40 * MiB, 200_000), at(1000, 30 * MiB, 150_000), 100 * MiB);
    expect(line).toBe('██████████░░░░░░░░░░░░░░  40% 40.0 MiB of 100 MiB · 10.0 MiB/s · 50k records/s · ETA 6.0s');
  });

  it('the final line: full, with the averages of the whole run and its time, late and bad counts', () => {
    const line = progressLine(at(4000, 100 * MiB, 400_000, 2, 1500), at(3900, 99 * MiB, 399_000), 100 * MiB, true);
    expect(line).toBe('████████████████████████ 100% 100 MiB of 100 MiB · 25.0 MiB/s · 100k records/s · in 4.0s · 1.5k late · 2 bad');
  });

  it('no known total (a pipe), or more read than the total (gzip content): a status line', () => {
    expect(progressLine(at(1000, 2 * MiB, 9000), null, null)).toBe('reading · 2.0 MiB so far · 9.0k records · 2.0 MiB/s · 9.0k records/s');
    expect(progressLine(at(1000, 2 * MiB, 9000), null, MiB)).toContain('reading · 2.0 MiB so far');
    expect(progressLine(at(61_000, 3 * MiB, 12), at(60_000, 3 * MiB, 12), null, false, true)).toBe(
      'following · 3.0 MiB so far · 12 records · 0.0 KiB/s · 0 records/s',
    );
  });
});
