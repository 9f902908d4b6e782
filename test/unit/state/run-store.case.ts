import { describe, expect, it } from 'vitest';
import type { RunChunk, RunStore } from '../../../src/engine/state/run-store.js';

const chunk = (keys: string[], counts: number[]): RunChunk => ({ keys, accs: [counts, keys.map((k) => ({ first: k, bytes: new Uint8Array([1, 2, 3]) }))] });

/** The contract every RunStore keeps (see run-store.ts), run against each implementation. */
export function runStoreSuite(name: string, open: () => { store: RunStore; reopen?: () => RunStore; cleanUp: () => void }): void {
  describe(`${name}: the RunStore contract`, () => {
    it('reads back each pane of a run, chunk by chunk in order, with what it was written with', () => {
      const { store, cleanUp } = open();
      try {
        const info = store.write([
          { start: 0, end: 60, chunks: [chunk(['sa', 'sb'], [1, 2]), chunk(['sc'], [3])] },
          { start: 60, end: 120, chunks: [chunk(['sz'], [9])] },
        ]);
        expect(info.panes).toEqual([
          { start: 0, end: 60, entries: 3 },
          { start: 60, end: 120, entries: 1 },
        ]);
        expect(info.bytes).toBeGreaterThan(0);
        expect([...store.read(info.id, 0)]).toEqual([chunk(['sa', 'sb'], [1, 2]), chunk(['sc'], [3])]);
        expect([...store.read(info.id, 1)]).toEqual([chunk(['sz'], [9])]);
      } finally {
        cleanUp();
      }
    });

    it('gives every run its own id, lists them, and drops the ones asked (unknown ids ignored)', () => {
      const { store, cleanUp } = open();
      try {
        const a = store.write([{ start: 0, end: 1, chunks: [chunk(['sa'], [1])] }]);
        const b = store.write([{ start: 0, end: 1, chunks: [chunk(['sb'], [2])] }]);
        const c = store.write([]);
        expect(new Set([a.id, b.id, c.id]).size).toBe(3);
        expect(store.ids().sort()).toEqual([a.id, b.id].sort());
        store.drop([a.id, 999_999]);
        expect(store.ids()).toEqual([b.id]);
        expect([...store.read(b.id, 0)]).toEqual([chunk(['sb'], [2])]);
      } finally {
        cleanUp();
      }
    });

    it('keeps runs and goes on with new ids when opened again', () => {
      const { store, reopen, cleanUp } = open();
      if (!reopen) return cleanUp();
      try {
        const a = store.write([{ start: 0, end: 1, chunks: [chunk(['sa'], [1])] }]);
        store.close();
        const again = reopen();
        const b = again.write([{ start: 0, end: 1, chunks: [chunk(['sb'], [1])] }]);
        expect(b.id).toBeGreaterThan(a.id);
        expect([...again.read(a.id, 0)]).toEqual([chunk(['sa'], [1])]);
        again.close();
      } finally {
        cleanUp();
      }
    });
  });
}
