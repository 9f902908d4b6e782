/**
 * Chunks finished by workers in any order, released strictly in the order they were dispatched:
 * `dispatched` numbers a chunk, `finished` files its result and returns every result that can
 * now be released, in order.
 */
export class OrderedRelease<T> {
  private nextNumber = 0;
  private nextRelease = 0;
  private readonly numbers = new Map<string, number>();
  private readonly done = new Map<number, T>();

  /** Chunks dispatched and not released yet. */
  get pending(): number {
    return this.nextNumber - this.nextRelease;
  }

  /** Numbers the chunk `key` (`slot:seq`) in dispatch order. */
  dispatched(key: string): number {
    const n = this.nextNumber++;
    this.numbers.set(key, n);
    return n;
  }

  /** Files the result of chunk `key`; returns the results releasable now, in dispatch order. */
  finished(key: string, result: T): T[] {
    const n = this.numbers.get(key);
    if (n === undefined) throw new Error(`chunk ${key} was not dispatched`);
    this.numbers.delete(key);
    this.done.set(n, result);
    const out: T[] = [];
    let r: T | undefined;
    while ((r = this.done.get(this.nextRelease)) !== undefined) {
      this.done.delete(this.nextRelease++);
      out.push(r);
    }
    return out;
  }
}
