import type { Value } from '../../common/record.js';
import type { AccSet } from './acc-set.js';
import { keyValsOf } from './key.js';
import { MinHeap } from './min-heap.js';
import type { EmitFn, PartialEntry, WindowStore } from './window-store.js';

interface Session {
  start: number;
  /** Last event time + gap. */
  end: number;
  accs: unknown[];
  /** False once merged into another session or fired: its heap timer is then stale. */
  live: boolean;
}

interface KeySessions {
  keyVals: Value[];
  /** Open sessions of the key, disjoint, sorted by start. */
  sessions: Session[];
}

/**
 * Session windows (Flink's EventTimeSessionWindows with a MergingWindowSet): per key, each event
 * opens `[ts, ts + gap)`, and windows that overlap or touch merge, accumulators included.
 * Timers are a heap with one entry per session (moved when it comes due after the session grew)
 * and lazy deletion of merged-away sessions.
 */
export class SessionStore implements WindowStore {
  readonly ordered = false;
  private readonly keys = new Map<string, KeySessions>();
  private timers = new MinHeap<{ key: string; session: Session }>();
  private firedWatermark = -Infinity;
  private open = 0;

  constructor(
    private readonly gapMs: number,
    private readonly accSet: AccSet,
  ) {}

  get size(): number {
    return this.open;
  }

  add(ts: number, lateWatermark: number, key: string, keyVals: Value[] | null, args: Value[]): boolean {
    const end = ts + this.gapMs;
    if (end - 1 <= lateWatermark || end - 1 <= this.firedWatermark) return false;
    this.accSet.add(this.insert(key, keyVals, ts, end).accs, args);
    return true;
  }

  merge(e: PartialEntry): void {
    if (e.end - 1 <= this.firedWatermark) return; // only with idle inputs: the session is gone
    this.accSet.merge(this.insert(e.key, e.keyVals, e.start, e.end).accs, this.accSet.decode(e.accs));
  }

  drain(visit: (e: PartialEntry) => void): void {
    this.snapshot(visit);
    this.keys.clear();
    this.timers = new MinHeap();
    this.open = 0;
  }

  snapshot(visit: (e: PartialEntry) => void): void {
    for (const [key, ks] of this.keys) {
      for (const s of ks.sessions) visit({ start: s.start, end: s.end, key, keyVals: ks.keyVals, accs: this.accSet.encode(s.accs) });
    }
  }

  restore(e: PartialEntry): void {
    this.merge(e);
  }

  restoreFired(watermark: number): void {
    this.firedWatermark = watermark;
  }

  /** The key's session that `[start, end)` falls into, after merging every session it touches. */
  private insert(key: string, keyVals: Value[] | null, start: number, end: number): Session {
    let ks = this.keys.get(key);
    if (ks === undefined) {
      ks = { keyVals: keyVals === null ? keyValsOf(key) : keyVals.slice(), sessions: [] };
      this.keys.set(key, ks);
    }
    const list = ks.sessions;
    // Sessions intersecting [start, end] (touching counts, as in Flink's TimeWindow.intersects).
    let first = 0;
    while (first < list.length && list[first]!.end < start) first++;
    let last = first;
    while (last < list.length && list[last]!.start <= end) last++;
    if (first === last) {
      const created: Session = { start, end, accs: this.accSet.create(), live: true };
      list.splice(first, 0, created);
      this.open++;
      this.timers.push(end, { key, session: created });
      return created;
    }
    const target = list[first]!;
    for (let i = first + 1; i < last; i++) {
      const s = list[i]!;
      this.accSet.merge(target.accs, s.accs);
      if (s.end > target.end) target.end = s.end;
      s.live = false;
      this.open--;
    }
    list.splice(first + 1, last - first - 1);
    if (start < target.start) target.start = start;
    if (end > target.end) target.end = end;
    return target;
  }

  /** Fires everything at once (no pauses: these results are sorted after firing). */
  firing(watermark: number, emit: EmitFn): Iterator<void> {
    this.fire(watermark, emit);
    return [][Symbol.iterator]();
  }

  fire(watermark: number, emit: EmitFn): void {
    if (watermark > this.firedWatermark) this.firedWatermark = watermark;
    const due: { keyVals: Value[]; session: Session }[] = [];
    while (this.timers.length > 0 && this.timers.peekPriority() - 1 <= watermark) {
      const t = this.timers.pop()!;
      const s = t.session;
      if (!s.live) continue; // merged away: the session it merged into has its own timer
      if (s.end - 1 > watermark) {
        // Extended since its timer was set: one timer per session, moved when it comes due.
        this.timers.push(s.end, t);
        continue;
      }
      s.live = false;
      this.open--;
      const ks = this.keys.get(t.key)!;
      ks.sessions.splice(ks.sessions.indexOf(s), 1);
      if (ks.sessions.length === 0) this.keys.delete(t.key);
      due.push({ keyVals: ks.keyVals, session: s });
    }
    due.sort((a, b) => a.session.end - b.session.end || a.session.start - b.session.start);
    for (const d of due) emit({ start: d.session.start, end: d.session.end }, d.keyVals, d.session.accs);
  }

  peek(emit: EmitFn): void {
    for (const ks of this.keys.values()) {
      for (const s of ks.sessions) emit({ start: s.start, end: s.end }, ks.keyVals, s.accs);
    }
  }
}
