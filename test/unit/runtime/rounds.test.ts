import { describe, expect, it } from 'vitest';
import type { ResultChange } from '../../../src/engine/contracts/result.js';
import { FiredCollector } from '../../../src/engine/runtime/parallel/fired-columns.js';
import { Rounds, type RoundResult } from '../../../src/engine/runtime/parallel/rounds.js';

const cols = (...changes: ResultChange[]) => {
  const c = new FiredCollector();
  for (const ch of changes) c.add({}, ch);
  return c.take();
};

const change = (end: number, k: string): ResultChange => ({ window: { start: end - 60, end }, group: [k], final: true });

describe('Rounds', () => {
  it('emits a round once every owner answered, in round order, merged in result order', () => {
    const emitted: { keys: string[]; watermark: number }[] = [];
    const rounds = new Rounds(2, (results: RoundResult[], watermark) =>
      emitted.push({ keys: results.map((r) => `${r.change.window!.end}:${r.change.group[0]}`), watermark }),
    );
    const r0 = rounds.open(100);
    const r1 = rounds.open(200);
    rounds.fired(r1, cols(change(200, 'b')));
    rounds.fired(r0, cols(change(60, 'z'), change(120, 'a')));
    expect(emitted).toEqual([]);
    rounds.fired(r1, cols(change(200, 'a')));
    expect(emitted).toEqual([]);
    expect(rounds.settled).toBe(false);
    rounds.fired(r0, cols(change(60, 'b')));
    expect(emitted).toEqual([
      { keys: ['60:b', '60:z', '120:a'], watermark: 100 },
      { keys: ['200:a', '200:b'], watermark: 200 },
    ]);
    expect(rounds.settled).toBe(true);
  });

  it('collects every owner’s state of a checkpoint round', () => {
    const rounds = new Rounds(2, () => {});
    const r = rounds.open(5);
    rounds.snapshot(r, [{ op: 1, key: 'sa', value: 1 }], 60);
    expect(rounds.takeSnapshot(r)).toBeUndefined();
    rounds.snapshot(r, [{ op: 1, key: 'sb', value: 2 }], 120);
    expect(rounds.takeSnapshot(r)).toEqual({
      entries: [
        { op: 1, key: 'sa', value: 1 },
        { op: 1, key: 'sb', value: 2 },
      ],
      maxFiredEnd: 120,
    });
  });
});
