import { MinHeap } from './min-heap.js';
import type { KeyedTimerService, StateEntry, TimeDomain } from './operator.js';

/**
 * Timers per key, in two clocks (Flink's InternalTimerService): a timer is (key, time); setting
 * the same one twice keeps one. `fireUpTo` runs the due timers of a clock in time order (ties in
 * an order that depends only on the order they were set), including timers set while it runs. Timers are part of the operator's
 * keyed state: `snapshot` gives them as entries keyed by their key (so they are kept and rescaled
 * by key group like any state), `restore` takes them back.
 */
export class KeyedTimers implements KeyedTimerService {
  private readonly heaps: Record<TimeDomain, MinHeap<string>> = { event: new MinHeap(), processing: new MinHeap() };
  private readonly set: Record<TimeDomain, Set<string>> = { event: new Set(), processing: new Set() };

  register(key: string, time: number, domain: TimeDomain): void {
    const id = `${time}\u0000${key}`;
    if (this.set[domain].has(id)) return;
    this.set[domain].add(id);
    this.heaps[domain].push(time, key);
  }

  delete(key: string, time: number, domain: TimeDomain): void {
    // Lazily: a deleted timer stays in the heap and is skipped when it comes due.
    this.set[domain].delete(`${time}\u0000${key}`);
  }

  /** Runs `fire(key, time)` for every timer of `domain` at or before `time`, earliest first. */
  fireUpTo(domain: TimeDomain, time: number, fire: (key: string, time: number) => void): void {
    const heap = this.heaps[domain];
    const live = this.set[domain];
    while (heap.length > 0 && heap.peekPriority() <= time) {
      const due = heap.peekPriority();
      const key = heap.pop()!;
      const id = `${due}\u0000${key}`;
      if (!live.has(id)) continue;
      live.delete(id);
      fire(key, due);
    }
  }

  get size(): number {
    return this.set.event.size + this.set.processing.size;
  }

  snapshot(visit: (e: StateEntry) => void): void {
    for (const domain of ['event', 'processing'] as const) {
      for (const id of this.set[domain]) {
        const cut = id.indexOf('\u0000');
        visit({ key: id.slice(cut + 1), value: { timer: domain, time: Number(id.slice(0, cut)) } });
      }
    }
  }

  restore(entries: Iterable<StateEntry>): void {
    for (const e of entries) {
      const t = e.value as { timer: TimeDomain; time: number };
      this.register(e.key, t.time, t.timer);
    }
  }
}
