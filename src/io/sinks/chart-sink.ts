import asciichart from 'asciichart';
import { createLogUpdate } from 'log-update';
import type { Rec } from '../../common/record.js';
import { formatIso } from '../../common/time/format-iso.js';
import type { ResultChange } from '../../engine/contracts/result.js';
import type { Sink } from '../../engine/contracts/sink.js';
import { ChartSeries, type ChartData } from './chart-series.js';

export interface ChartOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  color: boolean;
  keyColumns: readonly string[];
  /** Redraw period on a terminal; default 100 ms. */
  everyMs?: number;
}

/** Keys drawn at most (the largest totals over the windows shown). */
const MAX_KEYS = 6;
const COLORS = [asciichart.blue, asciichart.green, asciichart.yellow, asciichart.magenta, asciichart.cyan, asciichart.red];

/**
 * `-o chart`: an aggregation's first value per window drawn over time, one line per key (by
 * asciichart, the keys with the largest totals), as wide as the terminal allows (one column per
 * window), and a sparkline per key. On a terminal it is
 * redrawn in place as results come (live in follow mode); elsewhere it is written once, at the end.
 */
export class ChartSink implements Sink {
  readonly acceptsNdjson = false;
  readonly closed = false;
  private readonly series: ChartSeries;
  private readonly update: ReturnType<typeof createLogUpdate> | null;
  private readonly timer: NodeJS.Timeout | null;
  private dirty = false;

  constructor(private readonly o: ChartOptions) {
    this.series = new ChartSeries(o.keyColumns);
    const live = o.stream.isTTY === true;
    this.update = live ? createLogUpdate(o.stream as NodeJS.WriteStream, { showCursor: true }) : null;
    this.timer = live ? setInterval(() => this.draw(), o.everyMs ?? 100) : null;
    this.timer?.unref();
  }

  write(rec: Rec, change?: ResultChange): void {
    this.series.put(rec, change);
    this.dirty = true;
  }

  writeNdjson(): void {
    throw new Error('the chart takes records, not NDJSON');
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.update?.clear();
    this.o.stream.write(`${this.render()}\n`);
  }

  private draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.update!(this.render());
  }

  private render(): string {
    const columns = this.o.stream.columns ?? 100;
    const data = this.series.data(Math.max(2, columns - 14), MAX_KEYS);
    return renderChart(data, { height: Math.min(12, Math.max(4, (this.o.stream.rows ?? 24) - 6)), color: this.o.color });
  }
}

/**
 * The chart as text: the plot (every key's line in its colour; without colour only the first
 * key's, since the lines could not be told apart), the time span under it, then per key a
 * sparkline with its smallest, largest and last value.
 */
export function renderChart(data: ChartData, opts: { height: number; color: boolean }): string {
  if (data.series.length === 0) return '(nothing to draw yet: the chart shows an aggregation’s numbers per window)';
  const plotted = opts.color ? data.series : data.series.slice(0, 1);
  const plot = asciichart.plot(
    plotted.map((s) => s.values),
    { height: opts.height, colors: opts.color ? COLORS : [], format: (x: number) => formatNumber(x).padStart(10) },
  );
  const first = data.starts[0]!;
  const last = data.starts[data.starts.length - 1]!;
  const span = data.starts.length > 1 ? `${formatIso(first)} … ${formatIso(last)} (${data.starts.length} windows)` : formatIso(first);
  const width = Math.max(...data.series.map((s) => s.label.length));
  const keys = data.series.map((s, i) => {
    const label = s.label.padEnd(width);
    const shown = opts.color ? asciichart.colored(label, COLORS[i]) : label;
    const min = Math.min(...s.values);
    const max = Math.max(...s.values);
    return `${shown}  ${sparkline(s.values.slice(-60))}  min ${formatNumber(min)}  max ${formatNumber(max)}  last ${formatNumber(s.values[s.values.length - 1]!)}`;
  });
  const title = `${data.field ?? ''} per window${opts.color || data.series.length === 1 ? '' : ` (plot: ${data.series[0]!.label})`}`;
  return `${title}\n${plot}\n${' '.repeat(12)}${span}\n${keys.join('\n')}`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** One character per value, its height scaled between the smallest and largest. */
function sparkline(values: number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return values.map((v) => BARS[max === min ? 0 : Math.round(((v - min) / (max - min)) * (BARS.length - 1))]).join('');
}

function formatNumber(x: number): string {
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (Math.abs(x) >= 1e4) return `${(x / 1e3).toFixed(1)}k`;
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
