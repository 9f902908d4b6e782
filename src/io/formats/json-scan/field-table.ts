/**
 * The requested field names, looked up either by the raw bytes of a key (the fast path: a key
 * without escapes and without bytes ≥ 0x80 is exactly its ASCII bytes) or by the decoded key.
 */
export class FieldTable {
  /** Distinct names, in the order first requested. */
  readonly names: readonly string[];
  /** For each key length, the indexes of the ASCII names of that length. */
  private readonly byLength: (number[] | undefined)[] = [];
  private readonly bytes: Uint8Array[];
  private readonly index = new Map<string, number>();

  constructor(fields: readonly string[]) {
    this.names = [...new Set(fields)];
    this.bytes = this.names.map((name) => Uint8Array.from(name, (ch) => ch.charCodeAt(0)));
    this.names.forEach((name, k) => {
      this.index.set(name, k);
      // eslint-disable-next-line no-control-regex
      if (!/^[\x00-\x7f]*$/.test(name)) return;
      (this.byLength[name.length] ??= []).push(k);
    });
  }

  /** The index of the name whose ASCII bytes are `buf[start..end)`, or -1. */
  matchBytes(buf: Buffer, start: number, end: number): number {
    const len = end - start;
    if (len >= this.byLength.length) return -1;
    const candidates = this.byLength[len];
    if (candidates === undefined) return -1;
    for (let c = 0; c < candidates.length; c++) {
      const k = candidates[c]!;
      const want = this.bytes[k]!;
      let j = 0;
      while (j < len && buf[start + j] === want[j]) j++;
      if (j === len) return k;
    }
    return -1;
  }

  /** The index of a decoded key, or -1. */
  matchString(key: string): number {
    return this.index.get(key) ?? -1;
  }

  /** True when a name needs `defineProperty` instead of assignment (`__proto__`). */
  static isSpecial(name: string): boolean {
    return name === '__proto__';
  }
}
