import type { Plan } from '../../plan/types.js';
import { DecodeError, type ByteLineDecoder, type LineDecoder } from '../contracts/decoder.js';
import type { Decoding } from '../contracts/decoding.js';
import type { RuntimeError } from '../../common/errors.js';
import { getPath } from '../expr/compile.js';
import type { AggregateOperator } from '../operators/aggregate-operator.js';
import type { Rec, Value } from '../../common/record.js';
import { createTimestampParser, type TimestampParser } from '../../common/time/timestamp-parser.js';
import type { Chunk } from './chunk.js';
import type { ProcessorSink, Staged } from './processor-types.js';
import { deadLetter, quoted, stepError } from './record-errors.js';

export type { ProcessorSink, Staged } from './processor-types.js';
import type { Link } from '../operators/step-kind.js';

/**
 * Fault injection for tests of the failure path (steps are written never to throw): the first
 * step throws on a line containing this text. Unset in normal use.
 */
const INJECTED_FAULT = process.env.FSTREAM_INJECT_FAULT || null;

/**
 * Runs the per-record work of a pipeline over chunks, in two stages:
 *
 * 1. `decode`: decode, the fused stateless chain, event time. Records without an aggregation go
 *    straight to the sink; the others are staged.
 * 2. `aggregate(staged, prefixMax)`: key and window assignment. Lateness is decided per record
 *    against the watermark of the record's own input just before it — computed from
 *    `prefixMax`, the largest event time of the input's earlier chunks, and the records before
 *    it in this chunk — so results do not depend on chunking or on which worker ran the chunk.
 */
export class ChunkProcessor {
  private readonly decoders: (LineDecoder | undefined)[] = [];
  /** Per split: its decoder was made with the header row read elsewhere. */
  private readonly primed: boolean[] = [];
  private readonly byteDecoder: ByteLineDecoder | null;
  private readonly passthrough: boolean;
  private readonly timeFromBytes: boolean;
  // The line being processed, for dead letters and pass-through output.
  private curData: Buffer = Buffer.alloc(0);
  private curStart = 0;
  private curEnd = 0;
  private readonly limitCounts: number[];
  private readonly parseTime: TimestampParser | null;
  private readonly lagMs: number;
  /** The header row of each csv/tsv split, for rendering late events. */
  private readonly headers: (string | undefined)[] = [];
  /** Largest event time seen per split through `aggregate` (−∞ before the first). */
  readonly maxEventTime: number[];
  /** Set when a `limit` step is satisfied: read no further. */
  stopped = false;
  /**
   * Records out of each stage so far (for `--stats`): [0] decoded, [i + 1] out of chain link i.
   * A record dropped by a step, or bad, is not counted past it.
   */
  readonly passed: number[];
  records = 0;
  /** The step being run, for error messages. */
  private step = -1;

  /** Split names by slot, for dead letters and error messages (see addSplit). */
  private readonly splitNames: string[] = [];
  private readonly pre: Link[];

  constructor(
    private readonly plan: Plan,
    pre: Link[],
    private readonly aggregate: AggregateOperator | null,
    private readonly sink: ProcessorSink,
    private readonly decoding: Decoding,
  ) {
    this.pre = INJECTED_FAULT === null ? pre : this.withInjectedFault(pre, INJECTED_FAULT);
    this.passed = new Array<number>(this.pre.length + 1).fill(0);
    this.byteDecoder = decoding.makeByteDecoder ? decoding.makeByteDecoder() : null;
    this.passthrough = decoding.passthrough === true && this.byteDecoder !== null;
    this.timeFromBytes = decoding.timeFromBytes === true && this.byteDecoder !== null && pre[0]?.kind === 'timestamp';
    this.limitCounts = pre.map(() => 0);
    const time = plan.time;
    this.parseTime = time.kind === 'event' ? createTimestampParser(time.format) : null;
    this.lagMs = time.kind === 'event' ? time.lagMs : 0;
    this.maxEventTime = [];
  }

  /** A split this processor will see chunks of: its name and, resumed, its largest event time. */
  addSplit(slot: number, name: string, maxTs = -Infinity): void {
    this.splitNames[slot] = name;
    this.maxEventTime[slot] = maxTs;
  }

  /** The first record function throws on a line holding `text`: for tests of the failure path. */
  private withInjectedFault(pre: Link[], text: string): Link[] {
    const first = pre[0];
    if (first?.kind !== 'fn') return pre;
    const fn = first.fn;
    const faulty = (rec: Rec): Rec | null => {
      if (this.rawLine().includes(text)) throw new Error('injected fault');
      return fn(rec);
    };
    return [{ ...first, fn: faulty }, ...pre.slice(1)];
  }

  /**
   * Both stages, with the prefix kept here: the single-threaded path. `header`: given for a
   * csv/tsv chunk that starts after its split's header row (see `decode`).
   */
  process(chunk: Chunk, header?: string): void {
    const staged = this.decode(chunk, header);
    if (this.aggregate) this.aggregateStaged(staged, this.maxEventTime[chunk.split]!, chunk.data);
  }

  /**
   * Stage 1 (see the class comment). `header`: the split's csv/tsv header row, given exactly when
   * the chunk starts after it; a chunk without it decodes with what this processor saw of the
   * split so far (a header row in it is taken as such).
   */
  decode(chunk: Chunk, header?: string): Staged {
    const keepLines = this.decoding.lateRecord != null && this.aggregate !== null;
    const staged: Staged = { split: chunk.split, recs: [], ts: [], maxTs: -Infinity, spans: keepLines ? [] : null };
    if (keepLines && this.headers[chunk.split] === undefined)
      this.headers[chunk.split] = header ?? this.decoding.headerRow?.(chunk.data, chunk.firstLine)?.text;
    let decoder = this.decoders[chunk.split];
    if (header !== undefined && this.primed[chunk.split] !== true) {
      // This processor may not have seen the header row (a worker, a resumed job), or may have
      // taken a header from chunks it did see: the reader's is the one.
      decoder = this.decoding.makeDecoder(header);
      this.decoders[chunk.split] = decoder;
      this.primed[chunk.split] = true;
    } else if (decoder === undefined) {
      decoder = this.decoding.makeDecoder();
      this.decoders[chunk.split] = decoder;
    }
    for (const o of chunk.oversized) this.dead(chunk.split, o.line, 'line longer than 1 MiB', o.head.toString('utf8'), true);
    const data = chunk.data;
    const len = data.length;
    let pos = 0;
    let lineNo = chunk.firstLine;
    while (pos < len && !this.stopped && !this.sink.stopped) {
      let nl = data.indexOf(10, pos);
      if (nl < 0) nl = len;
      let end = nl;
      if (end > pos && data[end - 1] === 13) end--;
      this.curData = data;
      this.curStart = pos;
      this.curEnd = end;
      try {
        const rec = this.byteDecoder ? this.decodeBytes(chunk.split, lineNo) : this.decodeString(decoder, chunk.split, lineNo);
        if (rec !== undefined) this.afterDecode(rec, lineNo, chunk, staged);
      } catch (err) {
        throw this.stepError(err, chunk, lineNo);
      }
      pos = nl + 1;
      lineNo++;
    }
    return staged;
  }

  /**
   * Stage 2 (see the class comment). `data` is the chunk's bytes (for late events' lines);
   * `firedFloor` is a watermark the job has fired at already (a worker's aggregation does not see
   * the firings): windows complete at it are late too.
   */
  aggregateStaged(staged: Staged, prefixMax: number, data: Buffer, firedFloor = -Infinity): void {
    const agg = this.aggregate!;
    const { recs, ts, spans } = staged;
    const eventTime = this.parseTime !== null;
    let max = prefixMax;
    for (let i = 0; i < recs.length; i++) {
      const t = ts[i]!;
      let lateWatermark = eventTime ? max - this.lagMs - 1 : -Infinity;
      if (firedFloor > lateWatermark) lateWatermark = firedFloor;
      if (t > max) max = t;
      const rec = recs[i];
      if (rec === null || rec === undefined) continue;
      this.records++;
      if (!agg.add(rec, t, lateWatermark)) {
        this.sink.late(spans === null ? null : this.decoding.lateRecord!(data.toString('utf8', spans[2 * i]!, spans[2 * i + 1]!), this.headers[staged.split]));
      }
    }
    if (max > this.maxEventTime[staged.split]!) this.maxEventTime[staged.split] = max;
  }

  private rawLine(): string {
    return this.curData.toString('utf8', this.curStart, this.curEnd);
  }

  private decodeString(decoder: LineDecoder, split: number, lineNo: number): Rec | undefined {
    this.step = -1;
    const line = this.rawLine();
    try {
      return decoder.decode(line);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      this.dead(split, lineNo, err.message, line);
      return undefined;
    }
  }

  private decodeBytes(split: number, lineNo: number): Rec | undefined {
    this.step = -1;
    try {
      return this.byteDecoder!.decode(this.curData, this.curStart, this.curEnd);
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      this.dead(split, lineNo, err.message, this.rawLine());
      return undefined;
    }
  }

  private afterDecode(decoded: Rec, lineNo: number, chunk: Chunk, staged: Staged): void {
    let rec: Rec | null = decoded;
    let ts = chunk.readAtMs;
    let timed = false;
    const pre = this.pre;
    const passed = this.passed;
    passed[0]!++;
    for (let i = 0; i < pre.length; i++) {
      const link = pre[i]!;
      this.step = i;
      if (link.kind === 'fn') {
        rec = link.fn(rec!);
        if (rec === null) break;
        passed[i + 1]!++;
      } else if (link.kind === 'timestamp') {
        if (this.parseTime === null) {
          passed[i + 1]!++;
          continue;
        }
        let t: number | null = i === 0 && this.timeFromBytes ? this.byteDecoder!.time : NaN;
        let raw: Value = null;
        if (t !== t) {
          raw = getPath(rec!, link.field!);
          // A time without a year is placed relative to when its line was read.
          t = this.parseTime(raw, chunk.readAtMs);
        }
        if (t === null) {
          const what = raw === null ? 'is missing' : `is not a time: ${quoted(raw)}`;
          this.dead(chunk.split, lineNo, `event time field \`${link.field!.join('.')}\` ${what}`, this.rawLine());
          return;
        }
        ts = t;
        timed = true;
        if (t > staged.maxTs) staged.maxTs = t;
        passed[i + 1]!++;
      } else {
        if (this.limitCounts[i]! >= link.n) {
          this.stopped = true;
          return;
        }
        if (++this.limitCounts[i]! >= link.n) this.stopped = true;
        passed[i + 1]!++;
      }
    }
    if (this.aggregate === null) {
      if (rec !== null) {
        this.records++;
        if (this.passthrough) this.sink.outputRaw(this.rawLine());
        else this.sink.output(rec!, ts);
      }
    } else if (rec !== null || timed) {
      // A record filtered after its time was read still moves its input's watermark.
      staged.recs.push(rec!);
      staged.ts.push(ts);
      if (staged.spans !== null) staged.spans.push(this.curStart, this.curEnd);
    }
  }

  private dead(split: number, line: number, error: string, raw: string, truncated = false): void {
    this.sink.deadLetter(deadLetter(this.splitNames[split]!, line, error, raw, truncated));
  }

  /** An unexpected exception in a step: which stage, where it was written, which input line. */
  private stepError(err: unknown, chunk: Chunk, lineNo: number): RuntimeError {
    const step = this.step >= 0 ? this.pre[this.step]!.step : undefined;
    return stepError(err, step, this.plan.format.kind, this.splitNames[chunk.split]!, lineNo);
  }
}
