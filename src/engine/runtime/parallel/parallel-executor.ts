import type { Plan } from '../../../plan/types.js';
import type { PipelineLayout } from '../../pipeline/pipeline-layout.js';
import { keyGroupOf, ownerOf } from '../../state/key-groups.js';
import type { Chunk } from '../../chain/chunk.js';
import type { ChunkBuffers } from '../chunk-buffers.js';
import type { Executor, ExecutorEvents, KeyedSnapshot, RestoredKeyed } from '../executor.js';
import type { SpillSettings } from '../owner-spill.js';
import type { JobOutput } from '../job-output.js';
import type { OperatorEntry } from '../output-pipeline.js';
import { Conditions } from './conditions.js';
import { Dispatcher, chunkMessage } from './dispatcher.js';
import type { FromWorker } from './messages.js';
import { OrderedRelease } from './ordered-release.js';
import { Rounds } from './rounds.js';
import { timeOf } from './fired-columns.js';
import { WorkerPool } from './worker-pool.js';

type Done = Extract<FromWorker, { t: 'done' }>;

/** How long `close` waits for workers to close their run stores before it ends them anyway. */
const CLOSE_WAIT_MS = 5000;

export interface ParallelOptions {
  plan: Plan;
  layout: PipelineLayout;
  parallelism: number;
  output: JobOutput;
  events: ExecutorEvents;
  buffers: ChunkBuffers;
  /** The worker threads' entry point (the application's, which gives them the plan's decoding). */
  workerEntry: URL;
  /** Workers encode records as NDJSON text (the sink takes it, and no operator follows the chain). */
  ndjsonText: boolean;
  lateOut: boolean;
  /** Where the keyed state spills past the memory budget (null: it never does). */
  spill?: SpillSettings | null;
}

/**
 * The executor on worker threads: chunks go to the least busy worker as transferred buffers (a
 * few per worker in flight); workers run the chain and pre-aggregate, shipping partials to the
 * owners of their keys' groups; finished chunks are released in dispatch order (output, bad
 * records, late events, progress); an advance is a round every owner answers, emitted in round
 * order and result order. The output is the same as the local executor's.
 */
export class ParallelExecutor implements Executor {
  private readonly pool: WorkerPool;
  private readonly dispatcher: Dispatcher;
  private readonly release = new OrderedRelease<{ done: Done; endOffset: number; endLine: number }>();
  private readonly rounds: Rounds;
  private readonly conditions = new Conditions();
  private readonly keyed: boolean;
  private readonly needsPrefix: boolean;
  private finishedOwners = 0;
  private closedWorkers = 0;
  private recordCount = 0;
  /** Records out of each stage of the chain, summed over released chunks. */
  private readonly passed: number[] = [];
  private flushing = false;

  constructor(private readonly o: ParallelOptions) {
    const p = o.parallelism;
    this.keyed = o.layout.keyed !== null;
    this.needsPrefix = o.plan.time.kind === 'event' && this.keyed;
    this.dispatcher = new Dispatcher(p);
    this.rounds = new Rounds(p, {
      result: (r) => {
        if (r.line !== null) o.output.resultText(`${r.line}\n`);
        else o.output.result(r.rec!, timeOf(r.window), { window: r.window, group: r.group, final: r.final });
      },
      complete: (watermark) => {
        o.output.onWatermark(watermark);
        // Fired windows (and running results) go out at once, like a live input's lines.
        this.flushSoon();
      },
      // The next batch once this one is written out: the sink's backpressure reaches the owners.
      pull: (owner) => {
        o.output
          .flush()
          .then(() => this.pool.post(owner, { t: 'pull' }))
          .catch((err: Error) => this.fail(err));
      },
    });
    this.pool = new WorkerPool(
      o.workerEntry,
      (index) => ({ plan: o.plan, index, parallelism: p, ndjsonText: o.ndjsonText, lateOut: o.lateOut, spill: o.spill ?? null }),
      p,
      (worker, msg) => this.onMessage(worker, msg),
      (err) => this.fail(err),
      this.keyed,
    );
  }

  get records(): number {
    return this.recordCount;
  }

  stageCounts(): number[] {
    return [...this.passed];
  }

  start(restored: RestoredKeyed | null): void {
    if (!restored || !this.keyed) return;
    // Each owner gets the key groups it owns at this parallelism, whatever the checkpoint's was.
    const p = this.o.parallelism;
    const byOwner: OperatorEntry[][] = Array.from({ length: p }, () => []);
    for (const e of restored.entries) if (e.op === this.o.layout.keyed!.index) byOwner[ownerOf(keyGroupOf(e.key), p)]!.push(e);
    // Runs hold the key groups of the owner that wrote them: at the same parallelism its
    // successor adopts them; else every owner reads its keys out of all of them.
    const runs = restored.runs;
    const all = runs ? runs.owners.flatMap((o) => o.runs) : [];
    for (let i = 0; i < p; i++) {
      const mine = runs?.parallelism === p ? (runs.owners.find((o) => o.owner === i)?.runs ?? []) : [];
      const restoreRuns = runs ? { adopt: mine, foreign: runs.parallelism === p ? [] : all } : undefined;
      this.pool.post(i, { t: 'restore', entries: byOwner[i]!, watermark: restored.watermark, ...(restoreRuns ? { runs: restoreRuns } : {}) });
    }
  }

  committed(): void {
    if (this.keyed) this.pool.broadcast({ t: 'committed' });
  }

  addSplit(slot: number, name: string, maxTs: number): void {
    this.dispatcher.addSplit(slot, maxTs);
    this.pool.broadcast({ t: 'split', slot, name, maxTs });
  }

  async submit(chunk: Chunk, floor: number, header: string | undefined): Promise<void> {
    const out = this.o.output;
    // Once the output is closed nothing is released any more: stop waiting for room then.
    await this.conditions.until(() => this.release.pending < this.dispatcher.maxInFlight || out.stopped);
    if (out.stopped) return;
    const worker = this.dispatcher.choose();
    this.release.dispatched(`${chunk.split}:${chunk.seq}`);
    this.ends.set(`${chunk.split}:${chunk.seq}`, { endOffset: chunk.endOffset, endLine: chunk.firstLine + chunk.lines });
    const prefix = this.needsPrefix ? this.dispatcher.order(chunk.split).prefixFor(chunk.seq, worker) : null;
    const { msg, transfer } = chunkMessage(chunk);
    this.pool.post(worker, { t: 'chunk', chunk: msg, prefix, floor: this.keyed ? floor : -Infinity, header }, transfer);
  }

  private readonly ends = new Map<string, { endOffset: number; endLine: number }>();

  advance(watermark: number, early: boolean): void {
    if (this.conditions.failed) return;
    if (!this.keyed) {
      this.o.output.onWatermark(watermark);
      return;
    }
    const round = this.rounds.open(watermark);
    this.pool.broadcast({ t: 'advance', round, upTo: this.dispatcher.releasedSince(), watermark, early });
  }

  drain(): Promise<void> {
    const out = this.o.output;
    return this.conditions.until(() => (this.release.pending === 0 && this.rounds.settled) || out.stopped);
  }

  async snapshot(watermark: number): Promise<KeyedSnapshot> {
    await this.conditions.until(() => this.release.pending === 0);
    if (!this.keyed) return { entries: [], maxFiredEnd: -Infinity, runs: [] };
    const round = this.rounds.open(watermark);
    this.pool.broadcast({ t: 'advance', round, upTo: this.dispatcher.releasedSince(), watermark, checkpoint: true });
    let snap: KeyedSnapshot | undefined;
    await this.conditions.until(() => this.rounds.emitted(round) && (snap = this.rounds.takeSnapshot(round)) !== undefined);
    return snap!;
  }

  async finish(): Promise<void> {
    if (!this.keyed || this.o.output.stopped) return;
    this.pool.broadcast({ t: 'finish' });
    await this.conditions.until(() => (this.finishedOwners === this.o.parallelism && this.rounds.settled) || this.o.output.stopped);
  }

  async close(): Promise<void> {
    // Workers close their run stores (LMDB) first: a thread must not end with one open.
    if (this.keyed && this.o.spill) {
      this.pool.broadcast({ t: 'close' });
      await Promise.race([
        this.conditions.until(() => this.closedWorkers === this.o.parallelism),
        new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref()),
      ]).catch(() => {});
    }
    await this.pool.terminate();
  }

  private onMessage(worker: number, msg: FromWorker): void {
    switch (msg.t) {
      case 'max':
        for (const r of this.dispatcher.order(msg.split).max(msg.seq, msg.maxTs)) {
          this.pool.post(r.worker, { t: 'prefix', split: msg.split, seq: r.seq, prefix: r.prefix });
        }
        break;
      case 'done': {
        this.dispatcher.finished(worker);
        if (msg.buffer) this.o.buffers.recycle(msg.buffer);
        const key = `${msg.split}:${msg.seq}`;
        const end = this.ends.get(key)!;
        this.ends.delete(key);
        const ready = this.release.finished(key, { done: msg, ...end });
        for (const r of ready) this.releaseChunk(r.done, r.endOffset, r.endLine);
        if (ready.length > 0) this.flushSoon();
        break;
      }
      case 'fired':
        this.rounds.fired(worker, msg.round, msg.results, msg.more);
        break;
      case 'snapshot':
        this.rounds.snapshot(msg.round, msg.entries, msg.maxFiredEnd, worker, msg.runs);
        break;
      case 'finished':
        this.finishedOwners++;
        break;
      case 'closed':
        this.closedWorkers++;
        break;
    }
    this.conditions.notify();
  }

  /** A chunk's output, bad records and late events, in dispatch order; then its progress. */
  private releaseChunk(d: Done, endOffset: number, endLine: number): void {
    const out = this.o.output;
    if (out.stopped) return;
    let cut = Infinity;
    for (let i = 0; i < d.dead.length; i++) {
      out.deadLetter(d.dead[i]!);
      if (out.failure) {
        cut = d.deadAt[i]!; // --max-errors: nothing after the Nth bad record
        break;
      }
    }
    if (d.text !== '') out.text(cut === Infinity ? d.text : d.text.slice(0, cut));
    const n = Math.min(d.recs.length, cut);
    for (let i = 0; i < n; i++) out.output(d.recs[i]!, d.times[i]!);
    for (let i = 0; i < d.lateCount; i++) out.late(d.late[i] ?? null);
    this.recordCount += d.records;
    for (let i = 0; i < d.passed.length; i++) this.passed[i] = (this.passed[i] ?? 0) + d.passed[i]!;
    this.dispatcher.markReleased(d.split, d.seq);
    this.o.events.released({ slot: d.split, seq: d.seq, endOffset, endLine, maxTs: d.maxTs });
  }

  /**
   * A live input's lines and fired windows go out as soon as they are made (the driver flushes
   * only after its own steps, and workers answer later): flush once this burst is handled.
   */
  private flushSoon(): void {
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      this.o.output.flush().catch((err: Error) => this.fail(err));
    });
  }

  private fail(err: Error): void {
    this.conditions.fail(err);
    this.o.events.failed(err);
  }
}
