import type { Rec } from '../../common/record.js';
import type { ResultChange } from '../contracts/result.js';
import { KeyedTimers } from '../operators/keyed-timers.js';
import type { Collector, Operator, OperatorEntry, StateEntry } from '../operators/operator.js';
import { operatorOf } from '../pipeline/pipeline-layout.js';
import type { Step } from '../../plan/types.js';

export type { OperatorEntry } from '../operators/operator.js';

interface Stage {
  index: number;
  operator: Operator;
  timers: KeyedTimers;
}

/**
 * The steps after the keyed step, as operators chained on the main thread (one instance each):
 * what `push` is given goes through them in order into `end`. Watermarks reach every operator
 * in order, after its event-time timers up to the watermark have fired; `finish` ends each
 * operator in order (so what one emits at its end still passes through the next ones).
 */
export class OutputPipeline {
  private readonly stages: Stage[] = [];
  private readonly head: Collector;

  constructor(after: { step: Step; index: number }[], end: Collector, stop: () => void) {
    let next: Collector = end;
    for (let i = after.length - 1; i >= 0; i--) {
      const { step, index } = after[i]!;
      const timers = new KeyedTimers();
      const operator = operatorOf(step, { out: next, timers, stop });
      this.stages.unshift({ index, operator, timers });
      const downstream = operator;
      next = { collect: (rec, ts, change) => downstream.process(rec, ts, change) };
    }
    this.head = next;
  }

  /** True when there are no operators: records go straight to the end. */
  get empty(): boolean {
    return this.stages.length === 0;
  }

  push(rec: Rec, ts: number, change?: ResultChange): void {
    this.head.collect(rec, ts, change);
  }

  onWatermark(watermark: number): void {
    for (const { operator, timers } of this.stages) {
      timers.fireUpTo('event', watermark, (key, time) => operator.onTimer(key, time, 'event'));
      operator.onWatermark(watermark);
    }
  }

  onProcessingTime(now: number): void {
    for (const { operator, timers } of this.stages) timers.fireUpTo('processing', now, (key, time) => operator.onTimer(key, time, 'processing'));
  }

  finish(): void {
    for (const { operator, timers } of this.stages) {
      timers.fireUpTo('event', Infinity, (key, time) => operator.onTimer(key, time, 'event'));
      operator.finish();
    }
  }

  snapshot(visit: (e: OperatorEntry) => void): void {
    for (const { index, operator, timers } of this.stages) {
      operator.snapshot((e) => visit({ op: index, key: e.key, value: e.value }));
      timers.snapshot((e) => visit({ op: index, key: e.key, value: e.value, timer: true }));
    }
  }

  restore(entries: Iterable<OperatorEntry>): void {
    const byOp = new Map<number, { state: StateEntry[]; timers: StateEntry[] }>();
    for (const e of entries) {
      let g = byOp.get(e.op);
      if (!g) byOp.set(e.op, (g = { state: [], timers: [] }));
      (e.timer === true ? g.timers : g.state).push(e);
    }
    for (const { index, operator, timers } of this.stages) {
      const g = byOp.get(index);
      if (!g) continue;
      operator.restore(g.state);
      timers.restore(g.timers);
    }
  }
}
