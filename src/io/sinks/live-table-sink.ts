import { createLogUpdate } from 'log-update';
import type { Rec } from '../../common/record.js';
import type { ResultChange } from '../../engine/contracts/result.js';
import type { Sink } from '../../engine/contracts/sink.js';
import { formatIso } from '../../common/time/format-iso.js';
import { LiveRows } from './live-rows.js';
import { TableEncoder } from './table-encoder.js';

/** What the footer shows, read from the running job at each redraw. */
export interface LiveStatus {
  /** The job watermark (event time), or null on processing time. */
  watermark: number | null;
  records: number;
  late: number;
  bad: number;
}

export interface LiveTableOptions {
  /** A terminal: its size is read at every redraw. */
  stream: NodeJS.WriteStream;
  color: boolean;
  keyColumns?: readonly string[];
  /** Redraw period; default 100 ms. */
  everyMs?: number;
  /** The wall clock (the footer says how far the watermark lags it). */
  now?: () => number;
}

/** The marker column: `*` on a running value (its window is still open). */
const MARK = ' ';

/**
 * The live table on a terminal (`-o table`, the default there): results as rows updated in place
 * (a later version of a window's result replaces the row), the newest windows at the bottom,
 * running values marked `*`, within the terminal's height and width, redrawn ~10 times a second
 * by log-update, with a footer: the watermark and how far it lags the wall clock, records/s,
 * late and bad records. At close the live area is replaced by the final table of every row kept.
 */
export class LiveTableSink implements Sink {
  readonly acceptsNdjson = false;
  readonly closed = false;
  private readonly rows = new LiveRows();
  private readonly update: ReturnType<typeof createLogUpdate>;
  private readonly timer: NodeJS.Timeout;
  private status: () => LiveStatus | null = () => null;
  private last: { at: number; records: number } | null = null;
  private rate = 0;
  private dirty = true;
  private readonly now: () => number;

  constructor(private readonly o: LiveTableOptions) {
    this.update = createLogUpdate(o.stream, { showCursor: true });
    this.now = o.now ?? Date.now;
    this.timer = setInterval(() => this.draw(), o.everyMs ?? 100);
    this.timer.unref();
  }

  /** Where the footer's figures come from (set once the job runs). */
  setStatus(status: () => LiveStatus | null): void {
    this.status = status;
  }

  write(rec: Rec, change?: ResultChange): void {
    this.rows.put(rec, change);
    this.dirty = true;
  }

  writeNdjson(): void {
    throw new Error('the live table takes records, not NDJSON');
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.update.clear();
    const table = this.table(this.rows.rows(), false);
    if (table !== '') this.o.stream.write(table);
  }

  private draw(): void {
    const status = this.status();
    if (!this.dirty && status === null) return;
    this.dirty = false;
    const rows = this.rows.rows();
    const footer = status
      ? this.footer(
          status,
          rows.some((r) => !r.final),
        )
      : '';
    const height = Math.max(4, (this.o.stream.rows ?? 24) - 2);
    // Header, rows and footer within the terminal's height: the newest rows (at the bottom) win.
    const shown = rows.slice(Math.max(0, rows.length - (height - 2)));
    const more = rows.length - shown.length;
    const table = this.table(shown, true);
    const above = more > 0 ? `(${more} earlier row${more === 1 ? '' : 's'} above)\n` : '';
    this.update(`${above}${table}${footer}`);
  }

  private table(rows: { rec: Rec; final: boolean }[], marked: boolean): string {
    if (rows.length === 0) return '';
    const encoder = new TableEncoder({
      color: this.o.color,
      width: () => this.o.stream.columns,
      keyColumns: this.o.keyColumns,
      maxBufferedRows: Number.POSITIVE_INFINITY,
    });
    const anyRunning = marked && rows.some((r) => !r.final);
    for (const r of rows) encoder.encode(anyRunning ? { [MARK]: r.final ? '' : '*', ...r.rec } : r.rec);
    return encoder.flush();
  }

  private footer(s: LiveStatus, anyRunning: boolean): string {
    const at = this.now();
    if (this.last !== null && at - this.last.at >= 1000) {
      this.rate = ((s.records - this.last.records) * 1000) / (at - this.last.at);
      this.last = { at, records: s.records };
    } else if (this.last === null) this.last = { at, records: s.records };
    const wm =
      s.watermark === null
        ? 'processing time'
        : Number.isFinite(s.watermark)
          ? `watermark ${formatIso(s.watermark)} (${formatLag(at - s.watermark)} behind the clock)`
          : 'watermark not yet';
    const running = anyRunning ? ' · * running' : '';
    return `${wm} · ${Math.round(this.rate)} records/s · ${s.late} late · ${s.bad} bad${running}`;
  }
}

function formatLag(ms: number): string {
  const s = ms / 1000;
  if (Math.abs(s) < 60) return `${s.toFixed(1)}s`;
  if (Math.abs(s) < 3600) return `${(s / 60).toFixed(1)}m`;
  if (Math.abs(s) < 86400 * 2) return `${(s / 3600).toFixed(1)}h`;
  return `${(s / 86400).toFixed(0)}d`;
}
