import fc from 'fast-check';
import type { Aggregator } from '../../../src/engine/aggregate/aggregator.js';
import type { Value } from '../../../src/common/record.js';

/** A seeded PRNG (mulberry32) so oracle tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal deviate (Box–Muller). */
export function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function addAll<A>(agg: Aggregator<A>, values: readonly Value[], acc = agg.create()): A {
  for (const v of values) acc = agg.add(acc, v);
  return acc;
}

/** Accumulates each part separately, then merges them left to right (input order). */
export function mergeParts<A>(agg: Aggregator<A>, parts: readonly Value[][]): A {
  return parts.map((p) => addAll(agg, p)).reduce((acc, other) => agg.merge(acc, other), agg.create());
}

/** Accumulates each part, then merges neighbours pairwise (a tree that keeps input order). */
export function mergeTree<A>(agg: Aggregator<A>, parts: readonly Value[][]): A {
  let accs = parts.map((p) => addAll(agg, p));
  if (accs.length === 0) return agg.create();
  while (accs.length > 1) {
    const next: A[] = [];
    for (let i = 0; i < accs.length; i += 2) next.push(i + 1 < accs.length ? agg.merge(accs[i]!, accs[i + 1]!) : accs[i]!);
    accs = next;
  }
  return accs[0]!;
}

/** `decode(encode(acc))` through a structured clone, as across threads and checkpoints. */
export function roundTrip<A>(agg: Aggregator<A>, acc: A): A {
  return agg.decode(structuredClone(agg.encode(acc)));
}

/** Cuts `values` at the given points (sorted, deduplicated, clamped) into consecutive parts. */
export function split<T>(values: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => Math.min(values.length, c)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let start = 0;
  for (const p of points) {
    parts.push(values.slice(start, p));
    start = p;
  }
  parts.push(values.slice(start));
  return parts;
}

const numericString = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(3)),
  fc.constantFrom('0', '-0', '1e3', ' 42 ', '.5'),
);

/** Values as aggregates see them: numbers, numeric strings, nulls, zeros, some non-numeric. */
export const valueArb: fc.Arbitrary<Value> = fc.oneof(
  { arbitrary: fc.integer({ min: -50, max: 50 }), weight: 4 },
  { arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), weight: 4 },
  { arbitrary: numericString, weight: 3 },
  { arbitrary: fc.constantFrom<Value>(null, 0, -0, 1, 'abc', '', true, false, [1, 2], { a: 1 }), weight: 2 },
);

/** An input and a random set of cut points into it. */
export const splitInputArb = fc
  .tuple(fc.array(valueArb, { maxLength: 80 }), fc.array(fc.nat({ max: 80 }), { maxLength: 6 }))
  .map(([values, cuts]) => ({ values, parts: split(values, cuts) }));

/** Whether two floats agree within `rel` of `scale` (use Σ|x| for sums: cancellation is fine). */
export function close(a: Value, b: Value, rel: number, scale: number): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs((a as number) - (b as number)) <= rel * Math.max(scale, Number.MIN_VALUE);
}
