import { compareKeys } from '../../operators/key-order.js';
import { compareWindows } from '../../operators/result-order.js';
import type { OperatorEntry } from '../output-pipeline.js';
import { type FiredColumns, type FiredResult, forEachFired } from './fired-columns.js';
import type { RunInfo } from '../../state/run-store.js';
import type { OwnerRuns } from '../../state/run-store.js';

/** One owner's part of a round: results received and not yet emitted, and whether more come. */
interface Part {
  items: FiredResult[];
  next: number;
  done: boolean;
  /** A batch came (the first comes unasked). */
  answered: boolean;
  /** A pull was sent and its batch has not come yet. */
  asked: boolean;
}

interface Round {
  watermark: number;
  parts: Part[];
}

/** compareResults over results as they cross threads: by window end, start, then key (see compareKeys). */
function compareFired(a: FiredResult, b: FiredResult): number {
  return compareWindows(a.window, b.window) || (a.key === b.key ? 0 : compareKeys(a.key, b.key));
}

/** What Rounds hands on. */
export interface RoundsOut {
  /** A result, in output order. */
  result(r: FiredResult): void;
  /** Every result of the round at `watermark` was handed on. */
  complete(watermark: number): void;
  /** Owner `owner` is to send its next batch (it sent one with `more`, all of which went out). */
  pull(owner: number): void;
}

/**
 * The owners' answers to each advance round. Every owner answers every round (with its results
 * in result order, in batches; a checkpoint round also with its state). Rounds are emitted in
 * round order; within a round the owners' results are merged as they come (each owner's are in
 * result order, see compareResults), so output is the same at every parallelism and a round
 * with millions of results never has to be held whole: when an owner's received results are
 * all out and it has more, the merge waits and asks it for the next batch.
 */
export class Rounds {
  private sent = 0;
  private nextEmit = 0;
  private readonly rounds = new Map<number, Round>();
  private readonly snapshots = new Map<number, { answers: number; entries: OperatorEntry[]; maxFiredEnd: number; runs: OwnerRuns[] }>();

  constructor(
    private readonly owners: number,
    private readonly out: RoundsOut,
  ) {}

  /** Starts a round at `watermark`; returns its number. */
  open(watermark: number): number {
    const round = this.sent++;
    const parts = Array.from({ length: this.owners }, (): Part => ({ items: [], next: 0, done: false, answered: false, asked: false }));
    this.rounds.set(round, { watermark, parts });
    return round;
  }

  /** Every round opened so far was emitted. */
  get settled(): boolean {
    return this.nextEmit === this.sent;
  }

  emitted(round: number): boolean {
    return this.nextEmit > round;
  }

  /** A batch of owner `owner`'s results for `round`. */
  fired(owner: number, round: number, results: FiredColumns, more: boolean): void {
    const part = this.rounds.get(round)!.parts[owner]!;
    if (part.next === part.items.length) {
      part.items = [];
      part.next = 0;
    }
    forEachFired(results, (r) => part.items.push(r));
    part.done = !more;
    part.answered = true;
    part.asked = false;
    this.pump();
  }

  /** Emits what can be emitted in order; asks owners for more where the merge waits for them. */
  private pump(): void {
    let round: Round | undefined;
    while ((round = this.rounds.get(this.nextEmit)) !== undefined) {
      if (!this.merge(round)) return;
      this.rounds.delete(this.nextEmit++);
      this.out.complete(round.watermark);
    }
  }

  /** Merges the round's parts; true when it is complete, false when it waits for a batch. */
  private merge(round: Round): boolean {
    const parts = round.parts;
    for (;;) {
      let min: Part | null = null;
      for (const part of parts) {
        if (part.next < part.items.length) {
          if (min === null || compareFired(part.items[part.next]!, min.items[min.next]!) < 0) min = part;
        } else if (!part.done) {
          // Its next result may come first: wait for it.
          if (part.answered && !part.asked) {
            part.asked = true;
            this.out.pull(parts.indexOf(part));
          }
          return false;
        }
      }
      if (min === null) return true;
      this.out.result(min.items[min.next++]!);
    }
  }

  /** One owner's state after a checkpoint round: its entries, and the runs it includes. */
  snapshot(round: number, entries: OperatorEntry[], maxFiredEnd: number, owner = 0, runs: RunInfo[] = []): void {
    let s = this.snapshots.get(round);
    if (!s) this.snapshots.set(round, (s = { answers: 0, entries: [], maxFiredEnd: -Infinity, runs: [] }));
    s.answers++;
    if (runs.length > 0) s.runs.push({ owner, runs });
    for (const e of entries) s.entries.push(e);
    if (maxFiredEnd > s.maxFiredEnd) s.maxFiredEnd = maxFiredEnd;
  }

  /** The state of every owner after checkpoint round `round`, once all answered; else undefined. */
  takeSnapshot(round: number): { entries: OperatorEntry[]; maxFiredEnd: number; runs: OwnerRuns[] } | undefined {
    const s = this.snapshots.get(round);
    if (s === undefined || s.answers < this.owners) return undefined;
    this.snapshots.delete(round);
    s.runs.sort((a, b) => a.owner - b.owner);
    return { entries: s.entries, maxFiredEnd: s.maxFiredEnd, runs: s.runs };
  }
}
