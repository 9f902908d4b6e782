import type { Chunk } from '../../chain/chunk.js';
import type { ChunkMsg } from './messages.js';
import { SplitOrder } from './split-order.js';

/**
 * Where chunks go: to the least busy worker, with at most `maxInFlight` chunks dispatched and not
 * yet released (backpressure); and, per split, the order of its chunks: which chunk waits for the
 * prefix (the largest event time of the split's earlier chunks) and how far it was released.
 */
export class Dispatcher {
  private readonly busy: number[];
  private readonly orders: SplitOrder[] = [];
  readonly maxInFlight: number;

  constructor(workers: number) {
    this.busy = new Array<number>(workers).fill(0);
    this.maxInFlight = 3 * workers;
  }

  addSplit(slot: number, maxTs: number): void {
    const order = new SplitOrder();
    order.seed(maxTs);
    this.orders[slot] = order;
  }

  order(slot: number): SplitOrder {
    return this.orders[slot]!;
  }

  /** Splits released further since the last `releasedSince`, and how far: slot → seq. */
  private readonly moved = new Map<number, number>();

  /** Chunk `seq` of split `slot` was released (chunks are released in order). */
  markReleased(slot: number, seq: number): void {
    this.orders[slot]!.released = seq;
    this.moved.set(slot, seq);
  }

  /**
   * The `upTo` of an advance: (slot, seq) pairs, flat, for the splits released further since the
   * last call; the splits not named are where an earlier advance said. A job that reads many
   * splits one after another sends only what moved, not a position for every split it ever read.
   */
  releasedSince(): number[] {
    const pairs: number[] = [];
    for (const [slot, seq] of this.moved) pairs.push(slot, seq);
    this.moved.clear();
    return pairs;
  }

  /** The least busy worker, which now has one more chunk. */
  choose(): number {
    let worker = 0;
    for (let i = 1; i < this.busy.length; i++) if (this.busy[i]! < this.busy[worker]!) worker = i;
    this.busy[worker]!++;
    return worker;
  }

  /** `worker` finished a chunk. */
  finished(worker: number): void {
    this.busy[worker]!--;
  }
}

/** A chunk as it crosses to a worker; its buffer moves (transferred) without a copy. */
export function chunkMessage(chunk: Chunk): { msg: ChunkMsg; transfer: ArrayBuffer[] } {
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
  return { msg, transfer: data.length === 0 ? [] : [buffer] };
}
