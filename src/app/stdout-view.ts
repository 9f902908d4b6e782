import type { Sink } from '../engine/contracts/sink.js';
import type { OutputFormat } from '../io/sinks/encoder.js';
import { chooseOutputFormat, colorEnabled } from '../io/sinks/output-format.js';
import type { LiveStatus } from '../io/sinks/live-table-sink.js';
import { createStdoutSink } from '../io/sinks/stdout-sink.js';
import { layoutOf } from '../engine/pipeline/pipeline-layout.js';
import type { Plan } from '../plan/types.js';

/** How results are shown on stdout: the sink to make, and what a live view needs from the job. */
export interface StdoutView {
  make(): Sink;
  /** A view that redraws on a terminal: running results this often, and the footer's figures. */
  liveEveryMs?: number;
  attach(status: () => LiveStatus): void;
  /** The terminal is taken by a live view (no progress line beside it). */
  readonly live: boolean;
}

/** How often a live view gets the running results of the open windows. */
const LIVE_EVERY_MS = 1000;

/**
 * The stdout view of a plan: `-o chart` draws the results over time (live on a terminal); on a
 * terminal an aggregation's results are a live table (not with `--exactly-once`, which holds
 * output back, nor when operators after the aggregation would see running results); else the
 * encoded stream (NDJSON, CSV, a scrolling table). The live views' modules load only when used.
 */
export async function stdoutView(plan: Plan, exactlyOnce: boolean, keyColumns: string[]): Promise<StdoutView> {
  const layout = layoutOf(plan);
  const tty = process.stdout.isTTY === true;
  const color = colorEnabled(process.stdout);
  const format = plan.output.format;
  const runningOk = !exactlyOnce && layout.keyed !== null && layout.after.length === 0;
  if (format === 'chart') {
    const { ChartSink } = await import('../io/sinks/chart-sink.js');
    return {
      make: () => new ChartSink({ stream: process.stdout, color, keyColumns }),
      ...(tty && runningOk ? { liveEveryMs: LIVE_EVERY_MS } : {}),
      attach: () => {},
      live: tty,
    };
  }
  if (tty && plan.output.to === undefined && chooseOutputFormat(format, true) === 'table' && runningOk) {
    const { LiveTableSink } = await import('../io/sinks/live-table-sink.js');
    let sink: InstanceType<typeof LiveTableSink> | undefined;
    let status: (() => LiveStatus) | undefined;
    return {
      make: () => {
        sink = new LiveTableSink({ stream: process.stdout, color, keyColumns });
        if (status) sink.setStatus(status);
        return sink;
      },
      liveEveryMs: LIVE_EVERY_MS,
      attach: (s) => {
        status = s;
        sink?.setStatus(s);
      },
      live: true,
    };
  }
  return { make: () => createStdoutSink(format as OutputFormat | undefined, { keyColumns }), attach: () => {}, live: false };
}
