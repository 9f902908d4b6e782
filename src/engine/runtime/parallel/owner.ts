import type { AggregateOperator, RestoredRuns } from '../../operators/aggregate-operator.js';
import type { RunInfo } from '../../state/run-store.js';
import type { OwnerSpill } from '../owner-spill.js';
import type { PartialEntry } from '../../operators/window-store.js';
import type { OperatorEntry } from '../output-pipeline.js';
import type { BundleContent } from './messages.js';
import { forEachEntry } from './partial-columns.js';

type Command = { kind: 'advance'; round: number; upTo: number[]; watermark: number; early: boolean; checkpoint: boolean } | { kind: 'finish' };

/** Results handed on at once; then the owner waits to be asked for more (see `pull`). */
const BATCH_RESULTS = 16_384;

/**
 * The global half of local-global aggregation in one worker: it owns some key groups, merges
 * the partial aggregates shipped for them in input order (per split, chunk by chunk), and fires
 * windows when the coordinator advances the watermark. An advance waits until the bundles of all
 * chunks it covers have arrived, so the state at each firing holds exactly those chunks.
 * A firing's results go out in batches of at most BATCH_RESULTS, in result order; after each
 * batch but the last the owner waits for `pull` (the coordinator merges owners' batches as they
 * come and asks for more when it needs them), so a firing of millions of keys is never held whole.
 */
export class Owner {
  private readonly pending: Map<number, BundleContent>[] = [];
  private readonly merged: number[] = [];
  private readonly queue: Command[] = [];
  /** The firing in progress (its command is the queue's head). */
  private firing: Iterator<void> | null = null;
  /** The firing in progress has emitted its last result. */
  private fired = false;
  /** A batch was sent and the coordinator has not asked for the next yet. */
  private awaitingPull = false;

  constructor(
    private readonly operator: AggregateOperator,
    /** The keyed step's index in the plan (its state entries carry it). */
    private readonly op: number,
    /** Results of `round` since the last call; `more`: the firing goes on after a `pull`. */
    private readonly onRound: (round: number, more: boolean) => void,
    /** How many results were collected since the last `onRound`. */
    private readonly collected: () => number,
    private readonly onFinished: () => void,
    private readonly onSnapshot: (round: number, entries: OperatorEntry[], maxFiredEnd: number, runs: RunInfo[]) => void,
    private readonly spill: OwnerSpill | null = null,
  ) {}

  /** A split whose bundles come next. */
  addSplit(slot: number): void {
    this.pending[slot] = new Map();
    this.merged[slot] = -1;
  }

  /** Before any bundle: the checkpointed state of the key groups this owner has. */
  restore(entries: OperatorEntry[], watermark: number, runs?: RestoredRuns): void {
    this.operator.restore(entries, watermark, runs);
  }

  /** The checkpoint taken last has committed: runs retired before it can go. */
  committed(): void {
    this.spill?.committed();
  }

  bundle(split: number, seq: number, content: BundleContent): void {
    this.pending[split]!.set(seq, content);
    this.drive();
  }

  advance(round: number, upTo: number[], watermark: number, early: boolean, checkpoint: boolean): void {
    this.queue.push({ kind: 'advance', round, upTo, watermark, early, checkpoint });
    this.drive();
  }

  finish(): void {
    this.queue.push({ kind: 'finish' });
    this.drive();
  }

  /** The coordinator wants the next batch of the firing in progress. */
  pull(): void {
    this.awaitingPull = false;
    this.drive();
  }

  /** Runs queued commands in order while their chunks are all here. */
  private drive(): void {
    while (this.queue.length > 0) {
      const cmd = this.queue[0]!;
      if (cmd.kind === 'finish') {
        if (this.awaitingPull) return;
        this.queue.shift();
        this.onFinished();
        continue;
      }
      if (this.firing === null) {
        if (!this.mergeUpTo(cmd.upTo)) return;
        this.firing = this.operator.firing(cmd.watermark);
        this.fired = false;
      }
      // The next batch is made while the coordinator still merges the one before.
      while (!this.fired && this.collected() < BATCH_RESULTS) this.fired = this.firing.next().done === true;
      if (this.awaitingPull) return;
      if (!this.fired) {
        this.awaitingPull = true;
        this.onRound(cmd.round, true);
        continue;
      }
      this.firing = null;
      this.queue.shift();
      if (cmd.early) this.operator.emitEarly();
      this.onRound(cmd.round, false);
      if (cmd.checkpoint) {
        const entries: OperatorEntry[] = [];
        this.operator.snapshot((e) => entries.push({ op: this.op, key: e.key, value: e.value }));
        this.onSnapshot(cmd.round, entries, this.operator.maxFiredEnd, [...this.operator.runs]);
        this.spill?.snapshotTaken();
      }
    }
  }

  /**
   * Merges bundles in order up to `upTo` ((split, seq) pairs: the splits released further since
   * the previous advance, whose own merges were complete before it fired); false when one is
   * still missing.
   */
  private mergeUpTo(upTo: number[]): boolean {
    for (let i = 0; i < upTo.length; i += 2) {
      const split = upTo[i]!;
      const pending = this.pending[split]!;
      while (this.merged[split]! < upTo[i + 1]!) {
        const next = this.merged[split]! + 1;
        const content = pending.get(next);
        if (content === undefined) return false;
        pending.delete(next);
        forEachEntry(content.partials, (e: PartialEntry) => this.operator.merge(e));
        if (content.rows) this.operator.addRows(content.rows);
        this.merged[split] = next;
      }
    }
    return true;
  }
}
