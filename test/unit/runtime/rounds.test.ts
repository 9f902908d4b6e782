import { describe, expect, it } from 'vitest';
import type { ResultChange } from '../../../src/engine/contracts/result.js';
import { FiredCollector } from '../../../src/engine/runtime/parallel/fired-columns.js';
import { Rounds, type RoundsOut } from '../../../src/engine/runtime/parallel/rounds.js';

const cols = (...changes: ResultChange[]) => {
  const c = new FiredCollector();
  for (const ch of changes) c.add({}, ch);
  return c.take();
};

const change = (end: number, k: string): ResultChange => ({ window: { start: end - 60, end }, group: [k], final: true });

function recorder() {
  const log: string[] = [];
  const pulls: number[] = [];
  const out: RoundsOut = {
    result: (r) => log.push(`${r.window!.end}:${r.group[0]}`),
    complete: (watermark) => log.push(`wm ${watermark}`),
    pull: (owner) => pulls.push(owner),
  };
  return { log, pulls, out };
}

describe('Rounds', () => {
  it('emits a round once every owner answered, in round order, merged in result order', () => {
    const { log, out } = recorder();
    const rounds = new Rounds(2, out);
    const r0 = rounds.open(100);
    const r1 = rounds.open(200);
    rounds.fired(1, r1, cols(change(200, 'b')), false);
    rounds.fired(0, r0, cols(change(60, 'z'), change(120, 'a')), false);
    expect(log).toEqual([]);
    rounds.fired(0, r1, cols(change(200, 'a')), false);
    expect(log).toEqual([]);
    expect(rounds.settled).toBe(false);
    rounds.fired(1, r0, cols(change(60, 'b')), false);
    expect(log).toEqual(['60:b', '60:z', '120:a', 'wm 100', '200:a', '200:b', 'wm 200']);
    expect(rounds.settled).toBe(true);
  });

  it('merges batches as they come and asks an owner for its next batch only when the merge needs it', () => {
    const { log, pulls, out } = recorder();
    const rounds = new Rounds(2, out);
    const r = rounds.open(1000);
    rounds.fired(0, r, cols(change(60, 'a'), change(60, 'c')), true);
    expect(log).toEqual([]); // owner 1 has not answered: its first result may come first
    rounds.fired(1, r, cols(change(60, 'b'), change(60, 'd')), true);
    // a, b, c go out; owner 0's batch is used up and it has more: ask it, and wait.
    expect(log).toEqual(['60:a', '60:b', '60:c']);
    expect(pulls).toEqual([0]);
    rounds.fired(0, r, cols(change(60, 'e')), false);
    expect(log).toEqual(['60:a', '60:b', '60:c', '60:d']);
    expect(pulls).toEqual([0, 1]);
    rounds.fired(1, r, cols(), false);
    expect(log).toEqual(['60:a', '60:b', '60:c', '60:d', '60:e', 'wm 1000']);
    expect(rounds.settled).toBe(true);
  });

  it('collects every owner’s state of a checkpoint round', () => {
    const rounds = new Rounds(2, recorder().out);
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
      runs: [],
    });
  });
});
