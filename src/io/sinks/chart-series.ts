import type { Rec } from '../../common/record.js';
import type { ResultChange } from '../../engine/contracts/result.js';

/** What a chart draws: per key a value per window, the windows in time order. */
export interface ChartData {
  /** The value's field and the windows' starts (ms), oldest first. */
  field: string | null;
  starts: number[];
  /** Per key (its `by` values joined), one value per window (0 where it had none). */
  series: { label: string; values: number[] }[];
}

/**
 * Results collected for a chart: the latest version of each (window, key) result's value. The
 * value is the first numeric field that is not a window bound or a `by` field (the first
 * aggregate: `count`, `p95_latency_ms`, ...). At most `maxWindows` windows are kept (the newest).
 */
export class ChartSeries {
  private readonly byWindow = new Map<number, Map<string, number>>();
  private field: string | null = null;

  constructor(
    private readonly keyColumns: readonly string[],
    private readonly maxWindows = 1000,
  ) {}

  put(rec: Rec, change?: ResultChange): void {
    if (this.field === null) {
      for (const k of Object.keys(rec)) {
        if (!this.keyColumns.includes(k) && typeof rec[k] === 'number') {
          this.field = k;
          break;
        }
      }
    }
    const v = this.field === null ? undefined : rec[this.field];
    if (typeof v !== 'number') return;
    const start = change?.window?.start ?? 0;
    const label = change && change.group.length > 0 ? change.group.map((g) => (typeof g === 'string' ? g : JSON.stringify(g))).join(' ') : (this.field ?? '');
    let w = this.byWindow.get(start);
    if (w === undefined) {
      w = new Map();
      this.byWindow.set(start, w);
      if (this.byWindow.size > this.maxWindows) this.byWindow.delete(Math.min(...this.byWindow.keys()));
    }
    w.set(label, v);
  }

  /** The newest `windows` windows, and the `keys` keys with the largest totals over them. */
  data(windows: number, keys: number): ChartData {
    const starts = [...this.byWindow.keys()].sort((a, b) => a - b).slice(-windows);
    const totals = new Map<string, number>();
    for (const s of starts) for (const [label, v] of this.byWindow.get(s)!) totals.set(label, (totals.get(label) ?? 0) + v);
    const labels = [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, keys)
      .map(([label]) => label);
    const series = labels.map((label) => ({ label, values: starts.map((s) => this.byWindow.get(s)!.get(label) ?? 0) }));
    return { field: this.field, starts, series };
  }
}
