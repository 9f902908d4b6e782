import { setField, type Rec, type Value } from '../../../common/record.js';

type Build = (values: Value[]) => Rec;

/** At most this many distinct field orders get their own compiled builder. */
const MAX_SHAPES = 64;

/**
 * Collects the values of the requested fields of one line (by field index), remembering the order
 * in which each field first appeared, then makes the record in that order.
 *
 * Lines of one source usually share their key order, so each order seen gets a builder that makes
 * the record with one object literal: every record of that order then has the same hidden class
 * and is made without per-field keyed stores. Builders are made with `new Function` from the
 * field names (JSON-quoted); where code generation is not allowed, or for `__proto__` (which an
 * object literal would take as the prototype), records are made field by field instead.
 *
 * Use: `begin()`, then `put(k, value)` per field found, then `finish()`.
 */
export class RecordBuilder {
  private readonly values: Value[];
  private readonly order: Int32Array;
  private readonly seen: Uint8Array;
  private count = 0;
  /** The order seen so far as a number in base `names.length + 1` (exact while below 2^53). */
  private signature = 0;
  private readonly radix: number;
  private readonly shapes = new Map<number, Build>();
  private compile: boolean;
  private lastSignature = -1;
  private lastBuild: Build | undefined;

  constructor(private readonly names: readonly string[]) {
    this.values = names.map(() => null);
    this.order = new Int32Array(names.length);
    this.seen = new Uint8Array(names.length);
    this.radix = names.length + 1;
    this.compile = !names.includes('__proto__') && this.radix ** names.length < 2 ** 53;
  }

  begin(): void {
    for (let j = 0; j < this.count; j++) this.seen[this.order[j]!] = 0;
    this.count = 0;
    this.signature = 0;
  }

  /** The value of field `k`; a later value of the same field replaces it but keeps its place. */
  put(k: number, value: Value): void {
    this.values[k] = value;
    if (this.seen[k] === 1) return;
    this.seen[k] = 1;
    this.order[this.count++] = k;
    this.signature = this.signature * this.radix + k + 1;
  }

  finish(): Rec {
    if (this.count === 0) return {};
    if (this.compile) {
      const build = this.signature === this.lastSignature ? this.lastBuild! : this.shape();
      if (build !== undefined) return build(this.values);
    }
    const rec: Rec = {};
    for (let j = 0; j < this.count; j++) {
      const k = this.order[j]!;
      setField(rec, this.names[k]!, this.values[k]!);
    }
    return rec;
  }

  private shape(): Build | undefined {
    let build = this.shapes.get(this.signature);
    if (build === undefined) {
      if (this.shapes.size >= MAX_SHAPES) return undefined;
      const props: string[] = [];
      for (let j = 0; j < this.count; j++) {
        const k = this.order[j]!;
        props.push(`${JSON.stringify(this.names[k])}: v[${k}]`);
      }
      try {
        build = new Function('v', `return { ${props.join(', ')} };`) as Build;
      } catch {
        this.compile = false;
        return undefined;
      }
      this.shapes.set(this.signature, build);
    }
    this.lastSignature = this.signature;
    this.lastBuild = build;
    return build;
  }
}
