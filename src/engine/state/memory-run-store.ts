import type { RunChunk, RunInfo, RunPaneInput, RunStore } from './run-store.js';

/** Runs in memory (for tests: the shared run store suite runs on it and on LMDB). */
export class MemoryRunStore implements RunStore {
  private readonly runs = new Map<number, RunChunk[][]>();
  private next = 1;

  write(panes: RunPaneInput[]): RunInfo {
    const id = this.next++;
    const stored: RunChunk[][] = [];
    const info: RunInfo = { id, panes: [], bytes: 0 };
    for (const p of panes) {
      const chunks: RunChunk[] = [];
      let entries = 0;
      for (const c of p.chunks) {
        // A copy, as a store on disk would have.
        chunks.push(structuredClone(c));
        entries += c.keys.length;
      }
      stored.push(chunks);
      info.panes.push({ start: p.start, end: p.end, entries });
    }
    info.bytes = JSON.stringify(stored).length;
    this.runs.set(id, stored);
    return info;
  }

  read(id: number, pane: number): Iterable<RunChunk> {
    const run = this.runs.get(id);
    if (run === undefined || run[pane] === undefined) throw new Error(`no run ${id} pane ${pane}`);
    return run[pane]!.map((c) => structuredClone(c));
  }

  drop(ids: readonly number[]): void {
    for (const id of ids) this.runs.delete(id);
  }

  ids(): number[] {
    return [...this.runs].filter(([, panes]) => panes.some((p) => p.length > 0)).map(([id]) => id);
  }

  async close(): Promise<void> {}
}
