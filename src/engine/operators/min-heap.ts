/** A binary min-heap ordered by a numeric priority (timers: the earliest window end first). */
export class MinHeap<T> {
  private readonly prio: number[] = [];
  private readonly items: T[] = [];

  get length(): number {
    return this.items.length;
  }

  push(priority: number, item: T): void {
    const p = this.prio;
    const it = this.items;
    let i = it.length;
    p.push(priority);
    it.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (p[parent]! <= priority) break;
      p[i] = p[parent]!;
      it[i] = it[parent]!;
      i = parent;
    }
    p[i] = priority;
    it[i] = item;
  }

  peekPriority(): number {
    return this.prio.length > 0 ? this.prio[0]! : Infinity;
  }

  pop(): T | undefined {
    const p = this.prio;
    const it = this.items;
    if (it.length === 0) return undefined;
    const top = it[0];
    const lastP = p.pop()!;
    const lastI = it.pop()!;
    const n = it.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && p[r]! < p[l]! ? r : l;
        if (p[c]! >= lastP) break;
        p[i] = p[c]!;
        it[i] = it[c]!;
        i = c;
      }
      p[i] = lastP;
      it[i] = lastI;
    }
    return top;
  }
}
