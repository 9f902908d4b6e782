import { describe, expect, it } from 'vitest';
import type { Rec } from '../../../src/common/record.js';
import { OrderOperator, type OrderStep } from '../../../src/engine/operators/order-operator.js';

const sortStep: OrderStep = { op: 'order', word: 'sort', n: null, by: [], keys: [{ expr: { kind: 'field', path: ['v'] }, desc: true }] };

function run(spillRows: number, values: (number | null)[]): { out: Rec[]; ts: number[] } {
  const out: Rec[] = [];
  const ts: number[] = [];
  const collect = (rec: Rec, t: number): void => {
    out.push(rec);
    ts.push(t);
  };
  const op = new OrderOperator(sortStep, { collect }, spillRows);
  for (const [i, v] of values.entries()) op.process({ v, i }, Number.POSITIVE_INFINITY);
  op.finish();
  return { out, ts };
}

describe('OrderOperator: sort past memory', () => {
  it('spilling sorted runs to disk and merging them gives the order an in-memory sort gives (ties in arrival order, null last)', () => {
    const values = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 11));
    const inMemory = run(1_000_000, values);
    const spilled = run(4, values);
    expect(spilled.out).toEqual(inMemory.out);
    expect(spilled.out.at(-1)!.v).toBeNull();
    expect(spilled.ts.every((t) => t === Number.POSITIVE_INFINITY)).toBe(true);
  });

  it('a checkpoint holds the spilled records too, and a restore gives the same output', () => {
    const collect: Rec[] = [];
    const op = new OrderOperator(sortStep, { collect: (rec) => void collect.push(rec) }, 3);
    for (let i = 0; i < 10; i++) op.process({ v: i % 4, i }, 0);
    const entries: { key: string; value: unknown }[] = [];
    op.snapshot((e) => entries.push(e));
    expect((entries[0]!.value as { rows: unknown[] }).rows).toHaveLength(10);
    const restored: Rec[] = [];
    const again = new OrderOperator(sortStep, { collect: (rec) => void restored.push(rec) }, 3);
    again.restore(entries);
    again.finish();
    op.finish();
    expect(restored).toEqual(collect);
  });
});
