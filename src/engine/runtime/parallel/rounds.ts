import type { Rec } from '../../../common/record.js';
import type { ResultChange } from '../../contracts/result.js';
import { compareResults } from '../../operators/result-order.js';
import type { OperatorEntry } from '../output-pipeline.js';
import { type FiredColumns, forEachFired, timeOf } from './fired-columns.js';

export interface RoundResult {
  rec: Rec;
  ts: number;
  change: ResultChange;
}

interface Round {
  watermark: number;
  answers: number;
  items: RoundResult[];
}

/**
 * The owners' answers to each advance round. Every owner answers every round once (with its
 * results, possibly none; a checkpoint round also with its state). A round is complete when all
 * have answered; complete rounds are emitted in round order, each round's results merged in
 * result order (see compareResults) — so output is the same at every parallelism.
 */
export class Rounds {
  private sent = 0;
  private nextEmit = 0;
  private readonly rounds = new Map<number, Round>();
  private readonly snapshots = new Map<number, { answers: number; entries: OperatorEntry[]; maxFiredEnd: number }>();

  constructor(
    private readonly owners: number,
    private readonly emit: (results: RoundResult[], watermark: number) => void,
  ) {}

  /** Starts a round at `watermark`; returns its number. */
  open(watermark: number): number {
    const round = this.sent++;
    this.rounds.set(round, { watermark, answers: 0, items: [] });
    return round;
  }

  /** Every round opened so far was emitted. */
  get settled(): boolean {
    return this.nextEmit === this.sent;
  }

  emitted(round: number): boolean {
    return this.nextEmit > round;
  }

  /** One owner's results for `round`. */
  fired(round: number, results: FiredColumns): void {
    const r = this.rounds.get(round)!;
    r.answers++;
    forEachFired(results, (rec, change) => r.items.push({ rec, ts: timeOf(change), change }));
    let next: Round | undefined;
    while ((next = this.rounds.get(this.nextEmit)) !== undefined && next.answers === this.owners) {
      this.rounds.delete(this.nextEmit++);
      next.items.sort((a, b) => compareResults(a.change, b.change));
      this.emit(next.items, next.watermark);
    }
  }

  /** One owner's state after a checkpoint round. */
  snapshot(round: number, entries: OperatorEntry[], maxFiredEnd: number): void {
    let s = this.snapshots.get(round);
    if (!s) this.snapshots.set(round, (s = { answers: 0, entries: [], maxFiredEnd: -Infinity }));
    s.answers++;
    for (const e of entries) s.entries.push(e);
    if (maxFiredEnd > s.maxFiredEnd) s.maxFiredEnd = maxFiredEnd;
  }

  /** The state of every owner after checkpoint round `round`, once all answered; else undefined. */
  takeSnapshot(round: number): { entries: OperatorEntry[]; maxFiredEnd: number } | undefined {
    const s = this.snapshots.get(round);
    if (s === undefined || s.answers < this.owners) return undefined;
    this.snapshots.delete(round);
    return { entries: s.entries, maxFiredEnd: s.maxFiredEnd };
  }
}
