import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { headerKind, headerRowOf } from '../../../io/formats/decoder-factory.js';
import { RuntimeError } from '../../../common/errors.js';
import { WatermarkMultiplexer } from '../../watermark/multiplexer.js';
import type { BoundedOutOfOrdernessWatermark } from '../../watermark/bounded-out-of-orderness.js';
import type { Chunk } from '../chunk.js';
import { recordedWatermark, splitWatermarks, type JobConfig } from '../job.js';
import { JobOutput, type JobSummary } from '../job-output.js';
import { splitPipeline } from '../pipeline-parts.js';
import { damageLetter } from '../damage-letter.js';
import { readInputs, untilStopped } from '../read-chunks.js';
import { startTimers, type Timers } from '../timers.js';
import type { ChunkMsg, FromWorker, ToWorker, WorkerInit } from './messages.js';
import { compareResults, type ResultKey } from '../../operators/result-order.js';
import type { Rec } from '../../../common/record.js';
import { SplitOrder } from './split-order.js';
import { SplitProgress } from '../../checkpoint/job-state.js';
import { planShape } from '../../../plan/plan-fingerprint.js';
import type { PartialEntry } from '../../operators/window-store.js';
import { keyGroupOf, ownerOf } from '../../state/key-groups.js';
import { ChunkBuffers } from '../chunk-buffers.js';
import { setFlagsFromString } from 'node:v8';

type Done = Extract<FromWorker, { t: 'done' }>;

/**
 * Runs a plan on `parallelism` worker threads. The main thread reads and cuts chunks, hands
 * them to the least busy worker as transferred buffers (at most a few per worker in flight:
 * backpressure), releases finished chunks in order per split (output, bad records, late events,
 * the split's watermark), and tells the key-group owners to advance: merge the partial
 * aggregates of the released chunks, then fire at the job watermark. Results are the same at
 * every parallelism.
 */
export class ParallelJob {
  private readonly output: JobOutput;
  private readonly workers: Worker[] = [];
  private readonly busy: number[];
  private unreleased = 0;
  private readonly maxInFlight: number;
  private readonly orders: SplitOrder[];
  private readonly splitWatermarks: BoundedOutOfOrdernessWatermark[];
  private readonly multiplexer: WatermarkMultiplexer;
  private readonly aggregating: boolean;
  private readonly eventTime: boolean;
  /** csv/tsv: the format whose header row chunks need; else null. */
  private readonly headers: 'csv' | 'tsv' | null;
  /** Read times of chunks not yet released: processing time may not pass them. */
  private readonly readAt = new Map<string, number>();
  private lastAdvance = '';
  /** Finished chunks by global dispatch number, released strictly in that order. */
  private readonly finishedChunks = new Map<number, Done>();
  private readonly dispatchNo = new Map<string, number>();
  private nextDispatch = 0;
  private nextRelease = 0;
  /** Owners' results per advance round, emitted in round order once every owner answered. */
  private readonly rounds = new Map<number, { answers: number; items: { rec: Rec; key: ResultKey }[] }>();
  private nextRound = 0;
  private sentRounds = 0;
  private records = 0;
  private finished = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private stopRequested = false;
  /** True while the reader loop handles an event (false while it waits for input). */
  private handling = false;
  private checkpointing: Promise<void> | null = null;
  private flushing = false;
  private wakeStop!: () => void;
  private readonly stopSignal = new Promise<void>((resolve) => (this.wakeStop = resolve));
  /** Aborts reads still pending when the job stops (a quiet stdin, a line that never ends). */
  private readonly reading = new AbortController();
  private readonly progress: SplitProgress;
  /** Chunk buffers the workers handed back with `done`, cut into again by the reader. */
  private readonly buffers = new ChunkBuffers();
  /** Where each dispatched chunk ends (its split's position once it is released). */
  private readonly chunkEnds = new Map<number, { offset: number; line: number }>();
  private readonly snapshots = new Map<number, { answers: number; entries: PartialEntry[]; maxFiredEnd: number }>();
  /** Highest event-time (or processing-time) watermark sent to the owners. */
  private firedAt = -Infinity;
  /** The highest of those before the end of input (see recordedWatermark). */
  private firedFinite = -Infinity;
  /**
   * With idleness, an input's records may be behind the job watermark. A worker decides lateness
   * with the watermark fired when the chunk was read (its floor) and its split's own watermark:
   * while a chunk is in flight, firing past both would drop its records at the owners unseen.
   * Without idleness the job watermark never passes a split's own, so nothing is held.
   */
  private readonly holdsForIdle: boolean;
  private readonly floors = new Map<number, number>();

  constructor(
    private readonly config: JobConfig,
    private readonly parallelism: number,
  ) {
    const parts = splitPipeline(config.plan);
    this.output = new JobOutput(config, parts.post);
    this.aggregating = parts.aggregate !== null;
    this.eventTime = config.plan.time.kind === 'event';
    this.holdsForIdle = config.plan.time.kind === 'event' && config.plan.time.idleMs !== undefined && this.aggregating;
    this.headers = headerKind(config.plan.format);
    this.busy = new Array<number>(parallelism).fill(0);
    this.maxInFlight = 3 * parallelism;
    this.orders = config.splits.map(() => new SplitOrder());
    this.splitWatermarks = splitWatermarks(config.plan, config.splits.length);
    this.multiplexer = new WatermarkMultiplexer(this.splitWatermarks);
    const restored = config.state?.restored ?? null;
    this.progress = new SplitProgress(config.splits.length, restored?.positions);
    if (restored) {
      restored.positions.forEach((pos, i) => {
        if (!pos) return;
        this.orders[i]!.seed(pos.maxTs);
        this.orders[i]!.header = pos.header;
        if (pos.maxTs > -Infinity) this.splitWatermarks[i]!.observeBlock(pos.maxTs);
      });
      if (restored.meta.watermark > -Infinity) this.multiplexer.restore(restored.meta.watermark);
      this.fired(restored.meta.watermark);
    }
  }

  /** Stop reading, take a final checkpoint (without firing open windows when there is state). */
  requestStop(): void {
    this.stopRequested = true;
    this.wakeStop();
    this.reading.abort();
  }

  async run(): Promise<JobSummary> {
    this.startWorkers();
    const out = this.output;
    let timers: Timers | null = null;
    if (this.aggregating) {
      timers = startTimers(this.config.plan, {
        tick: () => {
          this.advance(false);
          // While input is quiet the loop waits for data: checkpoint from here, so that windows
          // fired by the clock become visible in exactly-once output.
          if (!this.handling && !this.checkpointing && this.config.state?.checkpointer.due) {
            void this.checkpointOnce(this.currentWatermark()).catch((err: Error) => this.fail(err));
          }
        },
        early: () => this.advance(true),
        flush: () => out.flush(),
        fail: (err) => this.fail(err),
      });
    }
    try {
      const stop = (): boolean => out.stopped || this.failure !== null || this.stopRequested;
      const starts = this.config.splits.map((_, i) => ({ offset: this.progress.offsets[i]!, line: this.progress.lines[i]! }));
      const reader = readInputs(this.config.plan, this.config.splits, { isStopped: stop, starts, allocate: this.buffers.allocate, signal: this.reading.signal });
      for await (const ev of untilStopped(reader, this.stopSignal)) {
        if (this.checkpointing) await this.checkpointing;
        this.handling = true;
        if (ev.kind === 'chunk') {
          // Once the output is closed nothing is released any more: stop waiting for room then.
          await this.until(() => this.unreleased < this.maxInFlight || stop());
          if (stop()) break;
          this.dispatch(ev.chunk);
        } else if (ev.kind === 'damaged') {
          // Reported once the split's earlier chunks are released, in input order.
          this.orders[ev.split]!.damage = damageLetter(this.config.splits[ev.split]!.name, ev);
        } else {
          this.orders[ev.split]!.ended = true;
          this.settle(ev.split);
        }
        await out.flush();
        if (stop()) break;
        if (this.config.state?.checkpointer.due) await this.checkpointOnce(this.currentWatermark());
        this.handling = false;
      }
      this.handling = true;
      if (this.checkpointing) await this.checkpointing;
      await this.until(() => this.unreleased === 0 || out.stopped);
      const keepWindows = this.stopRequested && this.config.state !== undefined;
      if (out.stopped || out.failure) {
        // nothing more to emit
      } else if (this.config.state) {
        await this.checkpointOnce(keepWindows ? this.currentWatermark() : Infinity);
      } else if (this.aggregating) {
        this.broadcast({ t: 'advance', round: this.sentRounds++, upTo: this.orders.map((o) => o.released), watermark: Infinity });
      }
      if (this.aggregating && !out.stopped && !out.failure) {
        this.broadcast({ t: 'finish' });
        await this.until(() => (this.finished === this.parallelism && this.nextRound === this.sentRounds) || out.stopped);
      }
      await out.flush();
    } finally {
      timers?.stop();
      this.reading.abort();
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
    if (this.failure) throw this.failure;
    return out.finish(this.records);
  }

  private startWorkers(): void {
    const { plan, splits, sink } = this.config;
    const p = this.parallelism;
    // An aggregating worker's young generation starts small (about 1 MB semi-spaces) and grows
    // slowly, so records waiting for their chunk's prefix survive scavenges and get copied: with
    // 16 MB from the start scavenges halve and GC time drops ~40% (trace-gc, tumbling-route,
    // 200 MB). A filter's records die at once, and a small young generation that stays in the
    // CPU caches is faster for it. V8 reads the flag when an isolate is made: the workers below.
    if (this.aggregating) setFlagsFromString('--min-semi-space-size=16');
    for (let i = 0; i < p; i++) {
      const init: WorkerInit = { plan, splitNames: splits.map((s) => s.name), index: i, parallelism: p, ndjsonText: sink.acceptsNdjson, lateOut: this.config.late !== undefined };
      const w = new Worker(new URL('./worker-main.js', import.meta.url), { workerData: init });
      w.on('message', (msg: FromWorker) => this.onMessage(i, msg));
      w.on('error', (err) => this.fail(new RuntimeError(`worker ${i + 1} failed: ${err.message}`, { cause: err })));
      w.on('exit', (code) => {
        if (code !== 0 && code !== 1) this.fail(new RuntimeError(`worker ${i + 1} exited with code ${code}`));
      });
      this.workers.push(w);
    }
    const ports: (MessagePort | null)[][] = Array.from({ length: p }, () => new Array<MessagePort | null>(p).fill(null));
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const ch = new MessageChannel();
        ports[i]![j] = ch.port1;
        ports[j]![i] = ch.port2;
      }
    }
    for (let i = 0; i < p; i++) {
      const mine = ports[i]!;
      this.workers[i]!.postMessage({ t: 'peers', ports: mine } satisfies ToWorker, mine.filter((x): x is MessagePort => x !== null));
    }
    const restored = this.config.state?.restored;
    if (restored && this.aggregating) {
      // Each owner gets the key groups it owns at this parallelism, whatever the checkpoint's was.
      const byOwner: PartialEntry[][] = Array.from({ length: p }, () => []);
      for (const e of restored.entries) byOwner[ownerOf(keyGroupOf(e.key), p)]!.push(e);
      for (let i = 0; i < p; i++) this.workers[i]!.postMessage({ t: 'restore', entries: byOwner[i]!, watermark: restored.meta.watermark } satisfies ToWorker);
    }
  }

  private dispatch(chunk: Chunk): void {
    const order = this.orders[chunk.split]!;
    if (this.headers !== null && order.header === undefined) {
      const row = headerRowOf(this.headers, chunk.data, chunk.firstLine);
      order.header = row?.text;
      if (row !== undefined) order.headerLine = row.line;
    }
    let worker = 0;
    for (let i = 1; i < this.parallelism; i++) if (this.busy[i]! < this.busy[worker]!) worker = i;
    this.busy[worker]!++;
    this.unreleased++;
    order.dispatched++;
    this.readAt.set(`${chunk.split}:${chunk.seq}`, chunk.readAtMs);
    this.chunkEnds.set(this.nextDispatch, { offset: chunk.endOffset, line: chunk.firstLine + chunk.lines });
    this.dispatchNo.set(`${chunk.split}:${chunk.seq}`, this.nextDispatch++);
    const data = chunk.data;
    // Chunk buffers are owned by their chunk (LineChunk), so they move to the worker without a copy.
    const buffer = data.length === 0 ? new ArrayBuffer(0) : (data.buffer as ArrayBuffer);
    const msg: ChunkMsg = {
      split: chunk.split,
      seq: chunk.seq,
      firstLine: chunk.firstLine,
      lines: chunk.lines,
      startOffset: chunk.startOffset,
      endOffset: chunk.endOffset,
      oversized: chunk.oversized.map((o) => ({ line: o.line, head: new Uint8Array(o.head) })),
      readAtMs: chunk.readAtMs,
      buffer,
      length: data.length,
    };
    const prefix = this.eventTime && this.aggregating ? order.prefixFor(chunk.seq, worker) : null;
    // Only a chunk after the header row needs it: one holding it reads it like any decoder.
    const header = chunk.firstLine > order.headerLine ? order.header : undefined;
    const floor = this.aggregating ? this.firedAt : -Infinity;
    if (this.holdsForIdle) this.floors.set(this.nextDispatch - 1, Math.max(floor, this.splitWatermarks[chunk.split]!.current()));
    this.workers[worker]!.postMessage({ t: 'chunk', chunk: msg, prefix, floor, header } satisfies ToWorker, data.length === 0 ? [] : [buffer]);
  }

  private onMessage(worker: number, msg: FromWorker): void {
    switch (msg.t) {
      case 'max':
        for (const r of this.orders[msg.split]!.max(msg.seq, msg.maxTs)) {
          this.workers[r.worker]!.postMessage({ t: 'prefix', split: msg.split, seq: r.seq, prefix: r.prefix } satisfies ToWorker);
        }
        return;
      case 'done': {
        this.busy[worker]!--;
        if (msg.buffer) this.buffers.recycle(msg.buffer);
        const key = `${msg.split}:${msg.seq}`;
        this.finishedChunks.set(this.dispatchNo.get(key)!, msg);
        this.dispatchNo.delete(key);
        this.release();
        break;
      }
      case 'fired':
        this.onFired(msg.round, msg.recs, msg.keys);
        break;
      case 'snapshot': {
        let snap = this.snapshots.get(msg.round);
        if (!snap) this.snapshots.set(msg.round, (snap = { answers: 0, entries: [], maxFiredEnd: -Infinity }));
        snap.answers++;
        if (msg.maxFiredEnd > snap.maxFiredEnd) snap.maxFiredEnd = msg.maxFiredEnd;
        for (const e of msg.entries) snap.entries.push(e);
        break;
      }
      case 'finished':
        this.finished++;
        break;
      case 'error':
        this.fail(new RuntimeError(msg.message));
        break;
    }
    this.wake();
  }

  /** Releases finished chunks in dispatch order: output, bad records, late events, watermarks. */
  private release(): void {
    const out = this.output;
    let d: Done | undefined;
    let released = false;
    while ((d = this.finishedChunks.get(this.nextRelease)) !== undefined && !out.stopped) {
      released = true;
      const end = this.chunkEnds.get(this.nextRelease)!;
      this.chunkEnds.delete(this.nextRelease);
      this.floors.delete(this.nextRelease);
      this.finishedChunks.delete(this.nextRelease++);
      this.progress.offsets[d.split] = end.offset;
      this.progress.lines[d.split] = end.line;
      // A checkpoint keeps the header row once its position is past it.
      const order = this.orders[d.split]!;
      if (order.header !== undefined && end.line > order.headerLine) this.progress.headers[d.split] = order.header;
      let cut = Infinity;
      for (let i = 0; i < d.dead.length; i++) {
        out.deadLetter(d.dead[i]!);
        if (out.failure) {
          cut = d.deadAt[i]!; // --max-errors: nothing after the Nth bad record
          break;
        }
      }
      if (d.text !== '') out.sink.writeNdjson(cut === Infinity ? d.text : d.text.slice(0, cut));
      const n = Math.min(d.recs.length, cut);
      for (let i = 0; i < n; i++) out.result(d.recs[i]!);
      for (let i = 0; i < d.lateCount; i++) out.late(d.late[i] ?? null);
      this.records += d.records;
      const wm = this.splitWatermarks[d.split]!;
      if (d.maxTs > -Infinity) wm.observeBlock(d.maxTs);
      else wm.touch();
      this.readAt.delete(`${d.split}:${d.seq}`);
      this.unreleased--;
      this.orders[d.split]!.released = d.seq;
      this.settle(d.split);
    }
    // A live input's lines go out as soon as they are processed, not with the next read.
    if (released) this.flushSoon();
  }

  /** Flushes the output once the current burst of messages is handled. */
  private flushSoon(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.output.flush().catch((err: Error) => this.fail(err));
    });
  }

  /** Collects one owner's answer to a round; emits complete rounds in order, merged by result order. */
  private onFired(round: number, recs: Rec[], keys: ResultKey[]): void {
    let r = this.rounds.get(round);
    if (!r) this.rounds.set(round, (r = { answers: 0, items: [] }));
    r.answers++;
    for (let i = 0; i < recs.length; i++) r.items.push({ rec: recs[i]!, key: keys[i]! });
    while ((r = this.rounds.get(this.nextRound)) !== undefined && r.answers === this.parallelism) {
      this.rounds.delete(this.nextRound++);
      r.items.sort((a, b) => compareResults(a.key, b.key));
      for (const it of r.items) this.output.result(it.rec);
    }
  }

  /** After a release or the end of a split: finish its watermark when complete, then advance. */
  private settle(split: number): void {
    const order = this.orders[split]!;
    if (order.damage && order.released === order.dispatched - 1) {
      this.output.deadLetter(order.damage);
      order.damage = undefined;
    }
    if (order.complete) {
      this.splitWatermarks[split]!.finish();
      this.progress.ended[split] = true;
    }
    this.advance(false);
  }

  /** Tells the owners to merge what was released and fire at the job watermark. */
  private advance(early: boolean): void {
    if (!this.aggregating || this.failure) return;
    const watermark = this.currentWatermark();
    const upTo = this.orders.map((o) => o.released);
    const key = `${upTo.join(',')}@${watermark}`;
    if (!early && key === this.lastAdvance) return;
    this.lastAdvance = key;
    this.fired(watermark);
    this.broadcast({ t: 'advance', round: this.sentRounds++, upTo, watermark, early });
  }

  /**
   * The job watermark: event time from the splits, or processing time not past unreleased
   * chunks. With idleness it is also held at the floor of every chunk in flight (see `floors`).
   */
  private currentWatermark(): number {
    if (this.eventTime) {
      let wm = this.multiplexer.update();
      for (const f of this.floors.values()) if (f < wm) wm = f;
      return wm;
    }
    let min = Date.now();
    for (const t of this.readAt.values()) if (t < min) min = t;
    return min - 1;
  }

  /** Checkpoints one at a time: a tick while input is quiet and the loop never overlap. */
  private checkpointOnce(watermark: number): Promise<void> {
    const next = (this.checkpointing ?? Promise.resolve()).then(() => this.checkpoint(watermark));
    this.checkpointing = next;
    void next
      .finally(() => {
        if (this.checkpointing === next) this.checkpointing = null;
      })
      .catch(() => {});
    return next;
  }

  /**
   * A checkpoint at a chunk boundary of every input: waits until every dispatched chunk is
   * released, has the owners fire at `watermark` and snapshot their key groups, then commits
   * positions, state and pending output together.
   */
  private async checkpoint(watermark: number): Promise<void> {
    const state = this.config.state!;
    await this.until(() => this.unreleased === 0);
    const entries: PartialEntry[] = [];
    let maxFiredEnd = -Infinity;
    if (this.aggregating) {
      const round = this.sentRounds++;
      this.broadcast({ t: 'advance', round, upTo: this.orders.map((o) => o.released), watermark, checkpoint: true });
      await this.until(() => this.nextRound > round && this.snapshots.get(round)?.answers === this.parallelism);
      const snap = this.snapshots.get(round)!;
      entries.push(...snap.entries);
      maxFiredEnd = snap.maxFiredEnd;
      this.snapshots.delete(round);
    }
    this.fired(watermark);
    await this.output.flush();
    const names = this.config.splits.map((s) => s.name);
    const maxTs = this.orders.map((o) => o.knownMax);
    await state.checkpointer.checkpoint(
      {
        version: 1,
        plan: planShape(this.config.plan),
        splits: this.progress.positions(names, state.identities, maxTs),
        watermark: recordedWatermark(this.firedAt, this.firedFinite, maxFiredEnd),
        parallelism: this.parallelism,
      },
      entries,
    );
  }

  private fired(watermark: number): void {
    if (watermark > this.firedAt) this.firedAt = watermark;
    if (watermark < Infinity && watermark > this.firedFinite) this.firedFinite = watermark;
  }

  private broadcast(msg: ToWorker): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Resolves once `cond` holds (re-checked after every message), or the job failed. */
  private async until(cond: () => boolean): Promise<void> {
    while (!cond() && this.failure === null) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }
}
