import { describe, expect, it } from 'vitest';
import { ChartSeries } from '../../../src/io/sinks/chart-series.js';
import { renderChart } from '../../../src/io/sinks/chart-sink.js';

const KEYS = ['window_start', 'window_end', 'route'];
const put = (s: ChartSeries, min: number, route: string, count: number, final = true) =>
  s.put({ window_start: 'x', window_end: 'y', route, count }, { window: { start: min * 60_000, end: (min + 1) * 60_000 }, group: [route], final });

describe('chart', () => {
  it('keeps the latest value per window and key, the first aggregate as the value, keys by their totals', () => {
    const s = new ChartSeries(KEYS);
    put(s, 0, '/a', 1, false);
    put(s, 0, '/a', 3);
    put(s, 0, '/b', 5);
    put(s, 1, '/a', 4);
    put(s, 2, '/c', 1);
    const d = s.data(10, 2);
    expect(d.field).toBe('count');
    expect(d.starts).toEqual([0, 60_000, 120_000]);
    expect(d.series).toEqual([
      { label: '/a', values: [3, 4, 0] },
      { label: '/b', values: [5, 0, 0] },
    ]);
    expect(s.data(2, 5).starts).toEqual([60_000, 120_000]);
  });

  it('draws the plot, the time span and a sparkline per key with its smallest, largest and last value', () => {
    const s = new ChartSeries(KEYS);
    for (const [i, n] of [1, 2, 4, 8].entries()) put(s, i, '/a', n);
    for (const [i, n] of [2, 2, 2, 2].entries()) put(s, i, '/b', n);
    const text = renderChart(s.data(10, 6), { height: 4, color: false });
    expect(text.split('\n')[0]).toBe('count per window (plot: /a)');
    expect(text).toContain('1970-01-01T00:00:00.000Z … 1970-01-01T00:03:00.000Z (4 windows)');
    expect(text).toContain('/a  ▁▂▄█  min 1  max 8  last 8');
    expect(text).toContain('/b  ▁▁▁▁  min 2  max 2  last 2');
    expect(text.split('\n').filter((l) => /[┤┼]/.test(l))).toHaveLength(5);
  });
});
