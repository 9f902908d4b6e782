import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Rec } from '../../../common/record.js';
import { RuntimeError } from '../../../common/errors.js';
import type { Encoder } from '../encoder.js';
import { NdjsonEncoder } from '../ndjson-encoder.js';
import { IN_PROGRESS, inProgressName, removeInProgress } from './cleanup.js';
import { commitPart, fsyncDir } from './commit-part.js';
import { CsvRows } from '../csv-rows.js';
import { FdCache } from '../fd-cache.js';
import { compilePathTemplate, type PathTemplate } from '../path-template.js';
import { isPendingCommit, type FinalState, type PartCommit, type PendingCommit } from './pending.js';
import type { TwoPhaseSink } from '../../../engine/contracts/two-phase-sink.js';

export interface TwoPhaseFileSinkOptions {
  /** Relative templates resolve against it; default `process.cwd()`. */
  cwd?: string;
  /** Open in-progress files at most; default 64. */
  maxOpenFiles?: number;
  /** Encoded text held in memory before it is written to in-progress files; default 4 MiB. */
  maxBufferedChars?: number;
}

/** The in-progress file of one final file in the current checkpoint interval. */
interface OpenPart {
  final: string;
  file: string;
  bytes: number;
  chunks: string[];
}

/**
 * The exactly-once `--to` sink with `--state` (SPEC §1, §6): records go to hidden in-progress files
 * next to their final files (`.<name>.inprogress.<run>.<seq>`), one per final file and checkpoint
 * interval; `commit` appends them to the final files (or renames, for a new file). `template` is a
 * path or a template (`out/{host}.ndjson`, `out/{window_start:%Y-%m-%d}/part.ndjson`). CSV final
 * files get their header once, also across restarts. See `TwoPhaseSink` for the call order.
 * Throws `UsageError` for a bad template; I/O errors reject `flush`, `prepareCommit`, `commit`.
 */
export function createTwoPhaseFileSink(template: string, format: 'ndjson' | 'csv', opts: TwoPhaseFileSinkOptions = {}): TwoPhaseFileSink {
  return new TwoPhaseFileSink(compilePathTemplate(template, opts.cwd), format, opts);
}

export class TwoPhaseFileSink implements TwoPhaseSink {
  readonly closed = false;
  private readonly runId = randomBytes(4).toString('hex');
  private seq = 0;
  /** Every final file of the job: its size once all prepared parts are committed. */
  private readonly known = new Map<string, { size: number; encoder: Encoder }>();
  private readonly open = new Map<string, OpenPart>();
  private prepared: { checkpointId: number; parts: PartCommit[] }[] = [];
  private readonly fds: FdCache;
  private buffered = 0;
  private readonly maxBuffered: number;
  private error: unknown = null;
  private readonly ndjson = new NdjsonEncoder();

  constructor(
    readonly template: PathTemplate,
    readonly format: 'ndjson' | 'csv',
    opts: TwoPhaseFileSinkOptions = {},
  ) {
    this.fds = new FdCache(opts.maxOpenFiles ?? 64);
    this.maxBuffered = opts.maxBufferedChars ?? 4 << 20;
  }

  async recover(pending: unknown): Promise<void> {
    if (pending !== null && pending !== undefined) {
      if (!isPendingCommit(pending)) throw new RuntimeError('the checkpoint holds no output state this fstream can read');
      await this.commit(pending);
      for (const [final, st] of Object.entries(pending.finals)) {
        cutTo(final, st.size);
        this.known.set(final, { size: st.size, encoder: this.encoderFor(st) });
      }
    }
    removeInProgress(this.template.baseDir, this.template.depth);
  }

  /** Pre-encoded NDJSON can only go to a single output file: a template needs the record. */
  get acceptsNdjson(): boolean {
    return this.format === 'ndjson' && this.template.fixed;
  }

  write(rec: Rec): void {
    if (this.error !== null) return;
    try {
      const final = this.template.render(rec);
      const part = this.open.get(final) ?? this.startPart(final);
      this.push(part, this.known.get(final)!.encoder.encode(rec));
    } catch (err) {
      this.error = err;
    }
  }

  writeNdjson(text: string): void {
    if (this.error !== null || text === '') return;
    if (!this.acceptsNdjson) throw new RuntimeError('this output takes records, not encoded NDJSON');
    try {
      const final = this.template.render({});
      this.push(this.open.get(final) ?? this.startPart(final), text);
    } catch (err) {
      this.error = err;
    }
  }

  private push(part: OpenPart, text: string): void {
    part.chunks.push(text);
    this.buffered += text.length;
    if (this.buffered >= this.maxBuffered) this.spillAll();
  }

  async flush(): Promise<void> {
    this.check();
    this.guard(() => this.spillAll());
  }

  async prepareCommit(checkpointId: number): Promise<PendingCommit> {
    this.check();
    const parts: PartCommit[] = [];
    this.guard(() => {
      this.spillAll();
      const dirs = new Set<string>();
      for (const p of this.open.values()) {
        fsyncSync(this.fds.get(p.file));
        this.fds.close(p.file);
        if (p.bytes === 0) {
          unlinkSync(p.file);
          continue;
        }
        const k = this.known.get(p.final)!;
        parts.push({ final: p.final, file: p.file, bytes: p.bytes, base: k.size });
        k.size += p.bytes;
        dirs.add(dirname(p.file));
      }
      for (const d of dirs) fsyncDir(d);
      this.open.clear();
    });
    this.prepared.push({ checkpointId, parts });
    const finals: Record<string, FinalState> = {};
    for (const [final, k] of this.known) {
      const columns = k.encoder instanceof CsvRows ? k.encoder.columns : null;
      finals[final] = columns === null ? { size: k.size } : { size: k.size, columns: [...columns] };
    }
    return { version: 1, checkpointId, parts: this.prepared.flatMap((p) => p.parts), finals };
  }

  async commit(pending: PendingCommit): Promise<void> {
    this.guard(() => {
      for (const part of pending.parts) commitPart(part);
      for (const part of pending.parts) if (existsSync(part.file)) unlinkSync(part.file);
    });
    this.prepared = this.prepared.filter((p) => p.checkpointId > pending.checkpointId);
  }

  async close(): Promise<void> {
    this.fds.closeAll();
    for (const p of this.open.values()) if (existsSync(p.file)) unlinkSync(p.file);
    this.open.clear();
    this.buffered = 0;
  }

  private startPart(final: string): OpenPart {
    if (!this.known.has(final)) {
      // First output to this file in this job: what is there is not ours (SPEC: `--to` replaces).
      mkdirSync(dirname(final), { recursive: true });
      if (existsSync(final)) unlinkSync(final);
      this.known.set(final, { size: 0, encoder: this.encoderFor({ size: 0 }) });
    }
    const file = join(dirname(final), inProgressName(basename(final), this.runId, this.seq++));
    if (!IN_PROGRESS.test(basename(file))) throw new RuntimeError(`bad in-progress name ${file}`);
    closeSync(openSync(file, 'w'));
    const part: OpenPart = { final, file, bytes: 0, chunks: [] };
    this.open.set(final, part);
    return part;
  }

  private encoderFor(st: FinalState): Encoder {
    if (this.format === 'ndjson') return this.ndjson;
    return new CsvRows(st.size > 0 && st.columns !== undefined ? [...st.columns] : null);
  }

  private spillAll(): void {
    for (const p of this.open.values()) {
      if (p.chunks.length === 0) continue;
      const buf = Buffer.from(p.chunks.join(''));
      p.chunks = [];
      const fd = this.fds.get(p.file);
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      p.bytes += buf.length;
    }
    this.buffered = 0;
  }

  private check(): void {
    if (this.error !== null) throw toRuntime(this.error);
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      throw toRuntime(err);
    }
  }
}

/** Makes `final` exactly `size` bytes: output beyond the checkpoint goes; less is an error. */
function cutTo(final: string, size: number): void {
  const actual = existsSync(final) ? statSync(final).size : 0;
  if (actual === size) return;
  if (actual < size) throw new RuntimeError(`output file ${final} is ${actual} bytes, but ${size} were committed: it was changed since the checkpoint`);
  const fd = openSync(final, 'r+');
  try {
    ftruncateSync(fd, size);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function toRuntime(err: unknown): RuntimeError {
  if (err instanceof RuntimeError) return err;
  return new RuntimeError(`cannot write output: ${(err as Error).message}`, { cause: err });
}
