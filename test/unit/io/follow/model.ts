import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FINGERPRINT_BYTES } from '../../../../src/io/sources/file-identity.js';
import type { OutLine, SplitRun } from './harness.js';

/**
 * A model of what a followed source must hand on while log files are written, rotated, copied,
 * truncated, compressed and deleted under it — and the file-system actions that do so.
 *
 * Terms. A *generation* is the content written to `<base>.log` from when that name starts a new
 * file (or the truncated file starts again) until the writer moves on (rotation, copytruncate,
 * deletion). Its lines are unique: `<base>:<generation>:<seq>:<padding>`. A *file* is an inode
 * holding a generation: the one it was written to, and copies (copytruncate's `.1`, a compressed
 * `.1.gz`).
 *
 * What must be read:
 * - every complete line of every generation, once, in the order written (per generation);
 * - a partial line once it is completed; a partial line the writer abandoned (its file rotated,
 *   copy-truncated or deleted) is handed on as it is — once, without a newline — when the file it
 *   was written to is over for the source: truncated, deleted, compressed away, or (for a glob of
 *   the live names) no longer under a name the inputs match; never before;
 * - lines written between copytruncate's copy and its truncation are in neither file afterwards:
 *   they may be lost (when the reader did not get to them before the truncation) or read, but
 *   at most once and in order;
 * - after a restart, what the job had not handed on is read again; nothing it had handed on.
 * And every file that is followed (not over) and not empty has a split being read; every split
 * reading a file that is over must end (its descriptor closed).
 */

export type Base = 'a' | 'b';
/** Which names the source follows: the live names (`dir/*.log`), or the whole directory (rotated and compressed files too). */
export type Inputs = 'live-glob' | 'directory';

export interface Gen {
  base: Base;
  n: number;
  /** The complete lines written, in order (seq = index), without newlines. */
  lines: { text: string; optional: boolean }[];
  /** A partial line being written: its full text and how much of it is written. */
  partial: { text: string; written: number } | null;
  /** The written part of a partial line the writer abandoned (the last thing in the generation). */
  fragment: string | null;
  /** The file it was written to. */
  home: FileRec;
  /** Every byte written to it, in order. */
  content: string;
}

/** A file (inode) holding a generation. */
export interface FileRec {
  ino: number;
  gen: Gen;
  /** Where it is now; null once deleted. */
  path: string | null;
  gz: boolean;
  /** Its content was truncated away (copytruncate): the inode now holds another generation. */
  truncated: boolean;
}

export type Action =
  | { kind: 'write'; base: Base; lines: number; pad: number }
  | { kind: 'partial'; base: Base; pad: number }
  | { kind: 'rotate'; base: Base }
  /**
   * Lines written between the copy and the truncation, and a pause before truncating (so the
   * reader may read them). Only in a file of FINGERPRINT_BYTES or more: in a smaller one, lines
   * read after the copy was made lengthen the first bytes the source knows the file by, and the
   * copy (holding fewer) is not known as its copy — it is read again from its start (a known
   * limit: a new file holding only part of a file's first bytes is taken for a new file).
   * `after`: lines the writer writes to the truncated file at once (before the source looks).
   */
  | { kind: 'copytruncate'; base: Base; between: number; pauseMs: number; after: number }
  | { kind: 'delete'; base: Base; which: 0 | 1 | 2 }
  | { kind: 'recreate'; base: Base; pad: number }
  | { kind: 'compress'; base: Base }
  | { kind: 'restart'; unreleased: number }
  | { kind: 'pause'; ms: number };

const SEQ = /^([ab]):(\d+):(\d+):/;

export class FollowModel {
  readonly gens: Gen[] = [];
  readonly files: FileRec[] = [];
  private readonly cur: Record<Base, Gen | null> = { a: null, b: null };

  constructor(
    readonly dir: string,
    readonly inputs: Inputs,
  ) {}

  /** What the source is given as `--from`. */
  get from(): string[] {
    return [this.inputs === 'directory' ? this.dir : join(this.dir, '*.log')];
  }

  private path(base: Base, suffix = ''): string {
    return join(this.dir, `${base}.log${suffix}`);
  }

  /** Applies a file-system action (not restart or pause) to the directory and the model. */
  async apply(a: Exclude<Action, { kind: 'restart' } | { kind: 'pause' }>): Promise<void> {
    switch (a.kind) {
      case 'write': {
        const g = this.writing(a.base);
        let text = this.completion(g);
        for (let i = 0; i < a.lines; i++) text += this.newLine(g, a.pad + i) + '\n';
        this.append(g, text);
        return;
      }
      case 'partial': {
        const g = this.writing(a.base);
        const done = this.completion(g);
        const full = this.lineText(g, g.lines.length, a.pad);
        const written = full.indexOf(':', full.indexOf(':', full.indexOf(':') + 1) + 1) + 1 + Math.floor(a.pad / 2);
        g.partial = { text: full, written };
        this.append(g, done + full.slice(0, written));
        return;
      }
      case 'rotate': {
        const live = this.path(a.base);
        if (!existsSync(live)) return;
        this.shift(a.base);
        this.moveTo(live, this.path(a.base, '.1'));
        this.abandon(a.base);
        return;
      }
      case 'copytruncate': {
        const live = this.path(a.base);
        const g = this.cur[a.base];
        if (g === null) return;
        this.shift(a.base);
        const copy = this.path(a.base, '.1');
        copyFileSync(live, copy);
        this.files.push({ ino: statSync(copy).ino, gen: g, path: copy, gz: false, truncated: false });
        // Lines after the copy in a file under FINGERPRINT_BYTES: see `between` above.
        if (g.partial === null && a.between > 0 && g.content.length >= FINGERPRINT_BYTES) {
          let text = '';
          for (let i = 0; i < a.between; i++) {
            text += this.lineText(g, g.lines.length, i) + '\n';
            g.lines.push({ text: this.lineText(g, g.lines.length, i), optional: true });
          }
          this.append(g, text);
          if (a.pauseMs > 0) await new Promise((r) => setTimeout(r, a.pauseMs));
        }
        truncateSync(live, 0);
        g.home.truncated = true;
        g.home.path = null;
        this.abandon(a.base);
        if (a.after > 0) await this.apply({ kind: 'write', base: a.base, lines: a.after, pad: 2 });
        return;
      }
      case 'delete':
        return this.remove(a.base, a.which);
      case 'recreate': {
        await this.apply({ kind: 'delete', base: a.base, which: 0 });
        await this.apply({ kind: 'write', base: a.base, lines: 1, pad: a.pad });
        return;
      }
      case 'compress': {
        const p = this.path(a.base, '.1');
        if (!existsSync(p)) return;
        const gz = `${p}.gz`;
        writeFileSync(gz, gzipSync(readFileSync(p)));
        const f = this.files.find((x) => x.path === p);
        // A file the model holds no lines of (a live file emptied by copytruncate, then rotated)
        // is compressed all the same, with nothing to expect from it.
        if (f !== undefined) this.files.push({ ino: statSync(gz).ino, gen: f.gen, path: gz, gz: true, truncated: false });
        unlinkSync(p);
        if (f !== undefined) f.path = null;
        return;
      }
    }
  }

  /** The generation being written to `<base>.log`, starting one (and the file) when there is none. */
  private writing(base: Base): Gen {
    const g = this.cur[base];
    if (g !== null) return g;
    const path = this.path(base);
    if (!existsSync(path)) writeFileSync(path, '');
    const gen: Gen = { base, n: this.gens.length + 1, lines: [], partial: null, fragment: null, home: null as unknown as FileRec, content: '' };
    gen.home = { ino: statSync(path).ino, gen, path, gz: false, truncated: false };
    this.gens.push(gen);
    this.files.push(gen.home);
    this.cur[base] = gen;
    return gen;
  }

  private append(g: Gen, text: string): void {
    appendFileSync(g.home.path!, text);
    g.content += text;
  }

  private lineText(g: Gen, seq: number, pad: number): string {
    // Padding from the line's own numbers: lines of different lengths, some over the 1 KiB fingerprint.
    const fill = 'abcdefghijklmnopqrstuvwxyz'.charAt((g.n * 7 + seq) % 26);
    return `${g.base}:${g.n}:${seq}:${fill.repeat(pad)}`;
  }

  private newLine(g: Gen, pad: number): string {
    const text = this.lineText(g, g.lines.length, pad);
    g.lines.push({ text, optional: false });
    return text;
  }

  /** Completes the pending partial line: the text to append. */
  private completion(g: Gen): string {
    if (g.partial === null) return '';
    const { text, written } = g.partial;
    g.partial = null;
    g.lines.push({ text, optional: false });
    return text.slice(written) + '\n';
  }

  /** The writer moves on from `<base>.log`: its partial line stays as it is. */
  private abandon(base: Base): void {
    const g = this.cur[base];
    if (g === null) return;
    if (g.partial !== null) g.fragment = g.partial.text.slice(0, g.partial.written);
    g.partial = null;
    this.cur[base] = null;
  }

  /** Deletes `<base>.log` (0) or its rotated `.1`/`.2` (plain or compressed). */
  private remove(base: Base, which: 0 | 1 | 2): void {
    const suffixes = which === 0 ? [''] : [`.${which}`, `.${which}.gz`];
    for (const s of suffixes) {
      const p = this.path(base, s);
      if (!existsSync(p)) continue;
      unlinkSync(p);
      for (const f of this.files) if (f.path === p) f.path = null;
      if (s === '') this.abandon(base);
    }
  }

  /** Rotation's shift: `.2` goes, `.1` becomes `.2`. */
  private shift(base: Base): void {
    this.remove(base, 2);
    for (const s of ['.1', '.1.gz']) {
      const p = this.path(base, s);
      if (existsSync(p)) this.moveTo(p, this.path(base, s.replace('.1', '.2')));
    }
  }

  private moveTo(from: string, to: string): void {
    renameSync(from, to);
    for (const f of this.files) if (f.path === from) f.path = to;
  }

  /** The source is done with the file: it must end its split (and hand on an abandoned partial line). */
  /** A generation holds a partial line being written (its bytes are in its file, not yet handed on). */
  holdsPartial(): boolean {
    return this.gens.some((g) => g.partial !== null && g.partial.written > 0);
  }

  over(f: FileRec): boolean {
    if (f.gz || f.truncated || f.path === null) return true;
    return this.inputs === 'live-glob' && !f.path.endsWith('.log');
  }

  /** A split's lines can be read again after a restart: their generation is still in a file. */
  rereadable(lines: OutLine[]): boolean {
    for (const l of lines) {
      const m = SEQ.exec(l.text);
      const g = m ? this.gens[Number(m[2]) - 1] : undefined;
      if (g === undefined || !l.newline) return false;
      if (g.lines[Number(m![3])]?.optional !== false) return false;
      if (!this.files.some((f) => f.gen === g && f.path !== null)) return false;
    }
    return true;
  }

  /**
   * Compares what was handed on (`out`) with the model: `violations` are lines that must not be
   * there (unknown, repeated, out of order, a partial line before its file is over); `missing`
   * what must still come, including splits of files that are over but have not ended.
   */
  check(out: readonly OutLine[], splits: ReadonlyMap<string, SplitRun>): { violations: string[]; missing: string[] } {
    const violations: string[] = [];
    const missing: string[] = [];
    const last = new Map<Gen, number>();
    const seen = new Set<string>();
    const genOfSplit = new Map<string, Gen>();
    for (const l of out) {
      const m = SEQ.exec(l.text);
      const g = m ? this.gens[Number(m[2]) - 1] : undefined;
      if (m === null || g === undefined || g.base !== m[1]) {
        violations.push(`unknown line ${JSON.stringify(l.text.slice(0, 40))} from ${l.splitId}`);
        continue;
      }
      const seq = Number(m[3]);
      const known = g.lines[seq];
      const fragment = seq === g.lines.length && l.text === g.fragment;
      if (l.newline ? known?.text !== l.text : !fragment) {
        violations.push(`line ${JSON.stringify(l.text.slice(0, 40))}${l.newline ? '' : ' (no newline)'} was not written so`);
        continue;
      }
      if (fragment && !this.over(g.home)) violations.push(`partial line ${JSON.stringify(l.text.slice(0, 40))} handed on while its file is followed`);
      const key = `${g.n}:${seq}`;
      if (seen.has(key)) violations.push(`line ${g.base}:${key} handed on twice`);
      else if ((last.get(g) ?? -1) > seq) violations.push(`line ${g.base}:${key} after line ${g.base}:${g.n}:${last.get(g)}`);
      seen.add(key);
      last.set(g, Math.max(seq, last.get(g) ?? -1));
      genOfSplit.set(l.splitId, g);
    }
    for (const g of this.gens) {
      g.lines.forEach((line, seq) => {
        if (!line.optional && !seen.has(`${g.n}:${seq}`)) missing.push(`line ${g.base}:${g.n}:${seq}`);
      });
      // A copy still followed (copytruncate's `.1`) may hold the partial line on, when the original
      // was truncated before its reader got to those bytes: it comes once the copy is over too.
      const heldOn = this.files.some((f) => f.gen === g && f.path !== null && !this.over(f));
      if (g.fragment !== null && this.over(g.home) && !heldOn && !seen.has(`${g.n}:${g.lines.length}`))
        missing.push(`partial line ${g.base}:${g.n}:${g.lines.length}`);
    }
    // Each split reads one file: the one with its inode whose content starts with the bytes its identity was taken from.
    const splitsOf = new Map<FileRec, SplitRun[]>();
    for (const [id, s] of splits) {
      const f = this.fileOf(s);
      if (f === undefined) {
        violations.push(`split ${s.split.name} (${id}) reads no file written`);
        continue;
      }
      const g = genOfSplit.get(id);
      if (g !== undefined && g !== f.gen) violations.push(`split ${s.split.name} (${id}) of ${f.gen.base}:${f.gen.n} handed on lines of ${g.base}:${g.n}`);
      splitsOf.set(f, [...(splitsOf.get(f) ?? []), s]);
      if (s.ended && !this.over(f)) violations.push(`split ${s.split.name} (${id}) ended while ${f.path} is followed`);
      if (!s.ended && this.over(f)) missing.push(`the end of split ${s.split.name} (${id})`);
    }
    for (const f of this.files) {
      const of = splitsOf.get(f) ?? [];
      if (of.length > 1) violations.push(`${of.length} splits of ${f.path ?? `deleted ${f.gen.base}:${f.gen.n}`}: ${of.map((s) => s.split.id).join(', ')}`);
      if (of.length === 0 && !this.over(f) && statSync(f.path!).size > 0) missing.push(`a split of ${f.path}`);
    }
    return { violations, missing };
  }

  /** The file a split reads: by its identity (inode, and the fingerprint of its first bytes). */
  private fileOf(s: SplitRun): FileRec | undefined {
    const id = s.split.identity as { ino: number; fingerprint: string; fingerprintBytes: number };
    return this.files.find(
      (f) =>
        f.ino === id.ino &&
        f.gen.content.length >= id.fingerprintBytes &&
        createHash('sha1').update(f.gen.content.slice(0, id.fingerprintBytes)).digest('hex') === id.fingerprint,
    );
  }

  describe(): string {
    return this.files
      .map((f) => `${f.gen.base}:${f.gen.n} ino ${f.ino} ${f.path ?? '(deleted)'}${f.gz ? ' gz' : ''}${f.truncated ? ' truncated' : ''}`)
      .join('\n');
  }
}
