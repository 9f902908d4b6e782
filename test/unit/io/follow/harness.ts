import type { ReadPosition, SavedSplit, Source, SourceRestore, SourceSplit } from '../../../../src/engine/contracts/source.js';
import { type InputEvent, scheduleReads } from '../../../../src/engine/runtime/read-scheduler.js';
import { createFollowSource } from '../../../../src/io/sources/follow/follow-source.js';
import type { FollowTiming } from '../../../../src/io/sources/follow/follow-timing.js';

/** A line handed on: its text (without the newline), whether it had one, and the split it came from. */
export interface OutLine {
  text: string;
  newline: boolean;
  splitId: string;
  /** Which run of the source read it (0, then 1 after the first restart, …). */
  run: number;
}

/** One split of one run of the source, as the job would keep it. */
export interface SplitRun {
  split: SourceSplit;
  resume: SavedSplit | null;
  /** Where the next chunk must start: the resume position, then each chunk's end. */
  position: ReadPosition;
  /** Its chunks, with the lines each handed on (in `FollowHarness.out`). */
  chunks: { endOffset: number; endLine: number; lines: OutLine[] }[];
  ended: boolean;
}

interface Run {
  n: number;
  source: Source;
  abort: AbortController;
  splits: Map<string, SplitRun>;
  loop: Promise<void>;
}

/**
 * Drives a followed source as the job does (scheduleReads, every split read at once) and keeps
 * what it hands on. Whatever breaks the source contract on the way (a chunk that does not start
 * where the last ended, a split added twice, damage, no-more-splits, an error) is recorded in
 * `violations`. `restart` stops it and restores a new source from the positions a checkpoint
 * taken now would hold.
 */
export class FollowHarness {
  readonly out: OutLine[] = [];
  readonly violations: string[] = [];
  private run: Run | null = null;
  private runs = 0;

  constructor(
    private readonly from: string[],
    private readonly timing: Partial<FollowTiming>,
  ) {}

  /** The splits of the running source. */
  get splits(): ReadonlyMap<string, SplitRun> {
    return this.run?.splits ?? new Map();
  }

  /** The running source's enumerator state (what a checkpoint would store). */
  snapshot(): unknown {
    return this.run?.source.enumerator.snapshot() ?? null;
  }

  async start(restore: SourceRestore = { splits: [], enumerator: null }): Promise<void> {
    const source = await createFollowSource(this.from, restore, this.timing);
    const abort = new AbortController();
    const run: Run = { n: this.runs++, source, abort, splits: new Map(), loop: Promise.resolve() };
    run.loop = (async () => {
      try {
        for await (const ev of scheduleReads(source, { maxOpen: Number.POSITIVE_INFINITY, signal: abort.signal, clock: { now: () => Date.now() } })) {
          if (abort.signal.aborted) break;
          this.onEvent(run, ev);
        }
      } catch (err) {
        this.violations.push(`run ${run.n}: the source failed: ${String(err)}`);
      }
    })();
    this.run = run;
  }

  private onEvent(run: Run, ev: InputEvent): void {
    if (process.env.FSTREAM_MODEL_TRACE)
      console.log(
        Date.now() % 100000,
        run.n,
        ev.kind,
        'split' in ev ? ev.split.id : 'id' in ev ? ev.id : '',
        'chunk' in ev ? ev.chunk.data.toString().slice(0, 60) : '',
      );
    const where = `run ${run.n}`;
    switch (ev.kind) {
      case 'add': {
        if (run.splits.has(ev.split.id)) this.violations.push(`${where}: split ${ev.split.id} added twice`);
        if (ev.resume !== null && ev.resume.id !== ev.split.id) this.violations.push(`${where}: split ${ev.split.id} resumes ${ev.resume.id}`);
        const position = ev.resume ? { offset: ev.resume.offset, line: ev.resume.line } : { offset: 0, line: 1 };
        run.splits.set(ev.split.id, { split: ev.split, resume: ev.resume, position, chunks: [], ended: false });
        return;
      }
      case 'chunk': {
        const s = run.splits.get(ev.id);
        if (s === undefined) return void this.violations.push(`${where}: a chunk of ${ev.id} before its add`);
        if (s.ended) this.violations.push(`${where}: a chunk of ${ev.id} after its end`);
        const c = ev.chunk;
        if (c.startOffset !== s.position.offset || c.firstLine !== s.position.line)
          this.violations.push(
            `${where}: ${s.split.name}: chunk at ${c.startOffset}/line ${c.firstLine}, expected ${s.position.offset}/line ${s.position.line}`,
          );
        if (c.endOffset - c.startOffset !== c.data.length) this.violations.push(`${where}: ${s.split.name}: chunk offsets do not span its data`);
        const texts = c.data.toString('utf8').split('\n');
        const lastHasNewline = texts[texts.length - 1] === '';
        if (lastHasNewline) texts.pop();
        if (texts.length !== c.lines) this.violations.push(`${where}: ${s.split.name}: chunk says ${c.lines} lines, holds ${texts.length}`);
        const lines = texts.map((text, i) => ({ text, newline: i < texts.length - 1 || lastHasNewline, splitId: ev.id, run: run.n }));
        this.out.push(...lines);
        s.position = { offset: c.endOffset, line: c.firstLine + c.lines };
        s.chunks.push({ endOffset: c.endOffset, endLine: c.firstLine + c.lines, lines });
        return;
      }
      case 'end': {
        const s = run.splits.get(ev.id);
        if (s === undefined) return void this.violations.push(`${where}: end of ${ev.id} before its add`);
        s.ended = true;
        return;
      }
      case 'damaged':
        return void this.violations.push(`${where}: damage in ${ev.id}: ${ev.error}`);
      case 'no-more-splits':
        return void this.violations.push(`${where}: an unbounded source said no-more-splits`);
      case 'initial-splits-added':
        return;
    }
  }

  /**
   * Stops the source and restores a new one from a checkpoint taken now, when of each split all
   * but the last `unreleased(split)` chunks had been handed on (released by the job): those
   * chunks' lines are taken back from `out`, to be read again. A split that ended with all its
   * chunks released is forgotten (forgetWhenEnded); the others are saved at their position.
   */
  async restart(unreleased: (s: SplitRun) => number = () => 0): Promise<void> {
    const run = this.run;
    if (run === null) throw new Error('not started');
    const enumerator = run.source.enumerator.snapshot();
    const splits: SavedSplit[] = [];
    const dropped = new Set<OutLine>();
    for (const s of run.splits.values()) {
      const k = Math.min(unreleased(s), s.chunks.length);
      const kept = s.chunks.slice(0, s.chunks.length - k);
      for (const c of s.chunks.slice(kept.length)) for (const l of c.lines) dropped.add(l);
      if (s.ended && k === 0) continue;
      const last = kept[kept.length - 1];
      const position = last
        ? { offset: last.endOffset, line: last.endLine }
        : s.resume
          ? { offset: s.resume.offset, line: s.resume.line }
          : { offset: 0, line: 1 };
      splits.push({ id: s.split.id, name: s.split.name, identity: JSON.parse(JSON.stringify(s.split.identity)), ...position, ended: false });
    }
    await this.stop();
    for (let i = this.out.length - 1; i >= 0; i--) if (dropped.has(this.out[i]!)) this.out.splice(i, 1);
    // Checkpoints are JSON: what is restored is what survives the round trip.
    await this.start(JSON.parse(JSON.stringify({ splits, enumerator })) as SourceRestore);
  }

  async stop(): Promise<void> {
    const run = this.run;
    if (run === null) return;
    this.run = null;
    run.abort.abort();
    await run.loop;
  }
}
