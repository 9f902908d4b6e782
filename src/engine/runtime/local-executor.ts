import type { Decoding } from '../contracts/decoding.js';
import { AggregateOperator } from '../operators/aggregate-operator.js';
import { chainLinks, type PipelineLayout } from '../pipeline/pipeline-layout.js';
import type { Plan } from '../../plan/types.js';
import type { Chunk } from '../chain/chunk.js';
import type { ChunkBuffers } from './chunk-buffers.js';
import type { Executor, ExecutorEvents, KeyedSnapshot, RestoredKeyed } from './executor.js';
import { OwnerSpill, type SpillSettings } from './owner-spill.js';
import type { JobOutput } from './job-output.js';
import type { OperatorEntry } from './output-pipeline.js';
import { ChunkProcessor } from '../chain/chunk-processor.js';

/**
 * The executor on the main thread (parallelism 1): each chunk is processed as it is submitted,
 * through the chain into the one instance of the keyed step, and released at once.
 */
export class LocalExecutor implements Executor {
  private readonly processor: ChunkProcessor;
  private readonly keyed: AggregateOperator | null;
  private readonly keyedIndex: number;
  private readonly spill: OwnerSpill | null;

  constructor(
    plan: Plan,
    layout: PipelineLayout,
    decoding: Decoding,
    private readonly output: JobOutput,
    private readonly events: ExecutorEvents,
    private readonly buffers: ChunkBuffers,
    /** Where the keyed state spills past the memory budget (null: it never does). */
    spill: SpillSettings | null = null,
  ) {
    this.keyedIndex = layout.keyed?.index ?? -1;
    this.spill = spill && layout.keyed ? new OwnerSpill(spill, spill.budgetBytes) : null;
    this.keyed = layout.keyed
      ? new AggregateOperator(layout.keyed.step, { collect: (rec, ts, change) => output.result(rec, ts, change!) }, false, true, undefined, this.spill)
      : null;
    this.processor = new ChunkProcessor(plan, chainLinks(layout.chain), this.keyed, output, decoding);
  }

  stageCounts(): number[] {
    return [...this.processor.passed];
  }

  get records(): number {
    return this.processor.records;
  }

  start(restored: RestoredKeyed | null): void {
    if (!restored || !this.keyed) return;
    const runs = restored.runs;
    // One owner holds every key group: the runs of a parallelism-1 checkpoint are its own.
    const all = runs ? runs.owners.flatMap((o) => o.runs) : [];
    this.keyed.restore(
      restored.entries.filter((e) => e.op === this.keyedIndex),
      restored.watermark,
      runs ? (runs.parallelism === 1 ? { adopt: all, foreign: [], keep: () => true } : { adopt: [], foreign: all, keep: () => true }) : undefined,
    );
  }

  addSplit(slot: number, name: string, maxTs: number): void {
    this.processor.addSplit(slot, name, maxTs);
  }

  async submit(chunk: Chunk, _floor: number, header: string | undefined): Promise<void> {
    this.processor.process(chunk, header);
    this.events.released({
      slot: chunk.split,
      seq: chunk.seq,
      endOffset: chunk.endOffset,
      endLine: chunk.firstLine + chunk.lines,
      maxTs: this.processor.maxEventTime[chunk.split]!,
    });
    this.buffers.recycle(chunk.data.buffer);
    if (this.processor.stopped) this.output.limitReached = true;
  }

  advance(watermark: number, early: boolean): void {
    if (!this.keyed) {
      this.output.onWatermark(watermark);
      return;
    }
    this.keyed.fire(watermark);
    if (early) this.keyed.emitEarly();
    this.output.onWatermark(watermark);
  }

  async drain(): Promise<void> {}

  async snapshot(watermark: number): Promise<KeyedSnapshot> {
    this.advance(watermark, false);
    const entries: OperatorEntry[] = [];
    this.keyed?.snapshot((e) => entries.push({ op: this.keyedIndex, key: e.key, value: e.value }));
    const runs = this.keyed ? [...this.keyed.runs] : [];
    this.spill?.snapshotTaken();
    return { entries, maxFiredEnd: this.keyed?.maxFiredEnd ?? -Infinity, runs: runs.length > 0 ? [{ owner: 0, runs }] : [] };
  }

  committed(): void {
    this.spill?.committed();
  }

  async finish(): Promise<void> {}

  async close(): Promise<void> {
    await this.spill?.close();
  }
}
