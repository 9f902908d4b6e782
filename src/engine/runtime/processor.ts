import type { Plan } from '../../dsl/plan-types.js';
import { DecodeError, type LineDecoder } from '../../io/formats/decoder.js';

/** Makes a fresh decoder for one split (formats with a header row keep it per split). */
export type DecoderFactory = () => LineDecoder;
import { getPath } from '../expr/compile.js';
import type { AggregateOperator } from '../operators/aggregate-operator.js';
import type { Rec, Value } from '../record.js';
import { createTimestampParser } from '../time/timestamp-parser.js';
import type { Chunk, DeadLetter } from './chunk.js';
import type { Link } from './pipeline-parts.js';

/** Where a processor's per-record results go. */
export interface ProcessorSink {
  /** A record that left the chain (pipelines without aggregation). */
  output(rec: Rec): void;
  deadLetter(d: DeadLetter): void;
  /** A record whose windows had all fired. */
  late(rec: Rec): void;
}

const RAW_LIMIT = 4096;

/**
 * Runs the per-record work of a pipeline over chunks: decode, the fused stateless chain,
 * event time, and the aggregation's key/window assignment. It tracks each split's largest
 * event time so that lateness is decided per record against the watermark of the record's own
 * input just before it — the same on every run, whatever the chunking or parallelism.
 */
export class ChunkProcessor {
  private readonly decoders: (LineDecoder | undefined)[] = [];
  private readonly limitCounts: number[];
  private readonly parseTime: ((v: Value) => number | null) | null;
  private readonly lagMs: number;
  /** Largest event time seen per split (−∞ before the first). */
  readonly maxEventTime: number[];
  /** Set when a `limit` step is satisfied: read no further. */
  stopped = false;
  records = 0;

  constructor(
    plan: Plan,
    private readonly splitNames: string[],
    private readonly pre: Link[],
    private readonly aggregate: AggregateOperator | null,
    private readonly sink: ProcessorSink,
    private readonly makeDecoder: DecoderFactory,
  ) {
    this.limitCounts = pre.map(() => 0);
    const time = plan.time;
    this.parseTime = time.kind === 'event' ? createTimestampParser(time.format) : null;
    this.lagMs = time.kind === 'event' ? time.lagMs : 0;
    this.maxEventTime = splitNames.map(() => -Infinity);
  }

  /** The watermark of one split: largest event time − lag − 1 ms. */
  watermarkOf(split: number): number {
    return this.maxEventTime[split]! - this.lagMs - 1;
  }

  process(chunk: Chunk): void {
    const decoder = (this.decoders[chunk.split] ??= this.makeDecoder());
    const data = chunk.data;
    const len = data.length;
    // An over-long line comes alone in a chunk with empty data (see LineChunk).
    for (const o of chunk.oversized) this.dead(chunk.split, o.line, 'line longer than 1 MiB', o.head.toString('utf8'), true);
    let pos = 0;
    let lineNo = chunk.firstLine;
    while (pos < len && !this.stopped) {
      let nl = data.indexOf(10, pos);
      if (nl < 0) nl = len;
      let end = nl;
      if (end > pos && data[end - 1] === 13) end--;
      this.line(decoder, data.toString('utf8', pos, end), lineNo, chunk);
      pos = nl + 1;
      lineNo++;
    }
  }

  private line(decoder: LineDecoder, line: string, lineNo: number, chunk: Chunk): void {
    let rec: Rec | undefined | null;
    try {
      rec = decoder.decode(line);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      this.dead(chunk.split, lineNo, err.message, line);
      return;
    }
    if (rec === undefined) return;
    let ts = chunk.readAtMs;
    let lateWatermark = -Infinity;
    const pre = this.pre;
    for (let i = 0; i < pre.length; i++) {
      const link = pre[i]!;
      if (link.kind === 'fn') {
        rec = link.fn(rec!);
        if (rec === null) return;
      } else if (link.kind === 'timestamp') {
        if (this.parseTime === null) continue;
        const raw = getPath(rec!, link.field!);
        const t = this.parseTime(raw);
        if (t === null) {
          const what = raw === null ? 'is missing' : `is not a time: ${JSON.stringify(raw)}`;
          this.dead(chunk.split, lineNo, `event time field \`${link.field!.join('.')}\` ${what}`, line);
          return;
        }
        ts = t;
        const max = this.maxEventTime[chunk.split]!;
        lateWatermark = max - this.lagMs - 1;
        if (t > max) this.maxEventTime[chunk.split] = t;
      } else {
        if (this.limitCounts[i]! >= link.n) {
          this.stopped = true;
          return;
        }
        if (++this.limitCounts[i]! >= link.n) this.stopped = true;
      }
    }
    this.records++;
    if (this.aggregate === null) this.sink.output(rec!);
    else if (!this.aggregate.add(rec!, ts, lateWatermark)) this.sink.late(rec!);
  }

  private dead(split: number, line: number, error: string, raw: string, truncated = false): void {
    const cut = raw.length > RAW_LIMIT;
    const d: DeadLetter = { source: this.splitNames[split]!, line, error, raw: cut ? raw.slice(0, RAW_LIMIT) : raw };
    if (cut || truncated) d.truncated = true;
    this.sink.deadLetter(d);
  }
}
