import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EnumeratorEvent, SavedSplit, SourceRestore, SplitEnumerator } from '../../../engine/contracts/source.js';
import type { FileIdentity } from '../file-identity.js';
import { fileSplitId, type LocalSplit } from '../local-split.js';
import { fingerprintOf, readHead, type FileHead } from './file-head.js';
import { FinishedFiles, type FinishedFile } from './finished-files.js';
import type { FollowInputs } from './follow-inputs.js';
import type { FollowTiming } from './follow-timing.js';
import { FollowedFile, followSplit } from './followed-file.js';
import { locateSaved, type Located } from './locate-saved.js';
import { Wakeable } from './wakeable.js';
import { watchInputs } from './watch-inputs.js';

type AddEvent = Extract<EnumeratorEvent, { kind: 'add' }>;

/** Listings a restarted job looks for its saved files in (see resumeSaved). */
const LOCATE_ROUNDS = 3;

/** A new file whose first bytes are those of a file being read: a copy (copytruncate) in the making. */
interface PendingCopy {
  firstSeen: number;
  /** The file it copies, when its first bytes matched in full; null while they only began alike. */
  of: FollowedFile | null;
}

/**
 * Finds the followed files (unbounded: it never says there are no more) — at start, on every
 * notification and on a timer — and tells each reader when no input name leads to its file any
 * more. A file is one split for as long as it is the same file (dev + inode + fingerprint), under
 * whatever name: a rename keeps it, a rewrite in place or a new file under the old name is a new
 * split read from its start. A new file whose first bytes are those of a file being read or read
 * before is a copy (copytruncate's `a.log.1`, a compressed `a.log.1.gz`): it is read on from where
 * that file's content ended, so nothing is read twice and lines only the copy holds are not lost.
 */
export class FollowEnumerator implements SplitEnumerator {
  private readonly live = new Map<string, FollowedFile>();
  private readonly finished: FinishedFiles;
  private readonly pending = new Map<string, PendingCopy>();
  private readonly ids = new Set<string>();
  private readonly added: AddEvent[] = [];
  /** The restored files (by split id) until they are being read again, or found gone. */
  private readonly restoring = new Map<string, SavedSplit>();
  /** Woken by notifications and ended files: the inputs are listed again. */
  private readonly loop = new Wakeable();
  private lastPrune = 0;

  constructor(
    private readonly inputs: FollowInputs,
    private readonly streams: LocalSplit[],
    private readonly restore: SourceRestore,
    private readonly timing: FollowTiming,
  ) {
    this.finished = new FinishedFiles(restore.enumerator, timing.forgetAfterMs);
    for (const f of this.finished) this.ids.add(f.id);
    const unassigned = (restore.enumerator as { unassigned?: SavedSplit[] } | null)?.unassigned ?? [];
    for (const s of [...restore.splits, ...unassigned]) {
      this.ids.add(s.id);
      if (s.identity !== null && !s.ended && !this.restoring.has(s.id)) this.restoring.set(s.id, s);
    }
  }

  async *events(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    for (const split of this.streams) {
      const saved = this.restore.splits.find((s) => s.identity === null && s.name === split.name);
      // Streams cannot be replayed: their other state resumes, their position does not.
      yield { kind: 'add', split, resume: saved ? { ...saved, offset: 0, line: 1, ended: false } : null };
    }
    const stopWatching = this.timing.watch
      ? watchInputs(this.inputs, { changed: (path, stats) => this.onChange(path, stats), listChanged: () => this.kick() })
      : async () => {};
    try {
      for (const ev of await this.resumeSaved()) yield ev;
      let first = true;
      while (!signal.aborted) {
        await this.scan();
        while (this.added.length > 0 && !signal.aborted) yield this.added.shift()!;
        if (first) yield { kind: 'initial-splits-added' };
        first = false;
        await this.nextScan(signal);
      }
    } finally {
      await stopWatching();
      await Promise.allSettled([...this.live.values()].map((f) => f.handle.close()));
    }
  }

  /**
   * The finished files, and the files not being read yet (Flink's unassigned splits): restored
   * ones still being looked for or handed on, and files found but not yet handed on. The job's
   * checkpoint knows a split only once its reading began; one taken meanwhile (at the start of a
   * restored run, while the saved files are looked for and handed on one by one) would otherwise
   * lose them: read again from their start, or lost once rotated away.
   */
  snapshot(): { finished: FinishedFile[]; unassigned: SavedSplit[] } {
    const unassigned = new Map(this.restoring);
    for (const f of this.live.values()) {
      if (f.reading) unassigned.delete(f.id);
      else unassigned.set(f.id, { id: f.id, name: f.path, identity: f.identity, offset: f.readOffset, line: f.readLine, ended: false });
    }
    return { finished: this.finished.snapshot(), unassigned: [...unassigned.values()] };
  }

  /**
   * The saved splits found again (by identity, or as a copy), to be read on from their positions.
   * A file renamed while it is looked for (a rotation during the restart) is not under any name
   * the listing gave: what is not found is looked for again in a new listing, a few times.
   */
  private async resumeSaved(): Promise<AddEvent[]> {
    const out: AddEvent[] = [];
    let left = [...this.restoring.values()];
    for (let round = 0; round < LOCATE_ROUNDS && left.length > 0; round++) {
      const candidates = await this.inputs.list();
      const missed: SavedSplit[] = [];
      for (const saved of left) {
        const found = await locateSaved(saved, candidates, new Set(this.live.keys()));
        if (found === null) {
          missed.push(saved);
          continue;
        }
        const file = this.track(found, found.copy ? identityOf(found) : (saved.identity as FileIdentity), saved.id);
        file.readOffset = saved.offset;
        file.readLine = saved.line;
        out.push({ kind: 'add', split: followSplit(saved.id, found.path, file), resume: saved });
      }
      left = missed;
    }
    // Gone (deleted, or truncated and rewritten, with no copy).
    for (const saved of left) this.restoring.delete(saved.id);
    return out;
  }

  /** Lists the inputs: new files become splits, files no name leads to any more are detached. */
  private async scan(): Promise<void> {
    const now = Date.now();
    const seen = new Set<string>();
    for (const path of await this.inputs.list()) {
      const st = await stat(path).catch(() => null);
      if (st === null || !st.isFile()) continue;
      const key = `${st.dev}:${st.ino}`;
      seen.add(key);
      const file = this.live.get(key);
      if (file !== undefined) {
        file.path = path;
        file.detachedAt = null;
        continue;
      }
      if (st.size === 0) continue;
      await this.consider(path, key, now);
    }
    for (const [key, file] of this.live) {
      if (seen.has(key) || file.detachedAt !== null) continue;
      file.detachedAt = now;
      file.wake();
    }
    for (const key of this.pending.keys()) if (!seen.has(key)) this.pending.delete(key);
    if (now - this.lastPrune >= this.timing.rescanMs) {
      this.lastPrune = now;
      await this.finished.prune(now);
    }
  }

  /** A file not being read: a new split, a copy of one (read on from where it ended), or not yet. */
  private async consider(path: string, key: string, now: number): Promise<void> {
    let handle: FileHandle | undefined;
    try {
      handle = await open(path, 'r');
      const st = await handle.stat();
      if (`${st.dev}:${st.ino}` !== key) return; // replaced meanwhile: the next scan looks again
      const head = await readHead(handle);
      if (head.bytes.length === 0) return;
      const verdict = this.judge(path, key, head, now);
      if (verdict === 'wait' || verdict === 'skip') return;
      const found: Located = { path, handle, dev: st.dev, ino: st.ino, head, copy: verdict !== 'new' };
      const identity = identityOf(found);
      const id = this.newId(identity);
      const file = this.track(found, identity, id);
      handle = undefined;
      const from = verdict === 'new' ? null : verdict;
      if (from !== null) {
        file.readOffset = from.offset;
        file.readLine = from.line;
      }
      const resume: SavedSplit | null = from && { id, name: path, identity: file.identity, offset: from.offset, line: from.line, ended: false };
      this.added.push({ kind: 'add', split: followSplit(id, path, file), resume });
    } catch {
      // vanished or unreadable for now: the next scan looks again
    } finally {
      await handle?.close();
    }
  }

  /**
   * What a new file is, from its first bytes: `new`; a copy to read on from a position (of a file
   * read before, or of one being read once that has ended); `skip` (a finished compressed file
   * seen again); or `wait` (a copy of a file still being read, or one still being made).
   */
  private judge(path: string, key: string, head: FileHead, now: number): 'new' | 'wait' | 'skip' | { offset: number; line: number } {
    // The same content may have been finished more than once (a file truncated by copytruncate,
    // then its copy, which holds more, then the copy compressed): read on from the furthest.
    let furthest: FinishedFile | null = null;
    for (const f of this.finished) {
      const own = `${f.dev}:${f.ino}` === key;
      if (own && f.end === 'truncated') continue;
      if (!startsWith(head.bytes, f.fingerprint, f.fingerprintBytes)) continue;
      if (own && f.gzip) {
        // Seen, also under a new name (`a.log.1.gz` → `a.log.2.gz`): not forgotten while it is there.
        f.path = path;
        f.seenAt = now;
        return 'skip';
      }
      if (furthest === null || f.offset > furthest.offset) furthest = f;
    }
    const pending = this.pending.get(key) ?? { firstSeen: now, of: null };
    pending.of = null;
    let alike = false;
    for (const f of this.live.values()) {
      const n = f.head.length;
      if (n === 0) continue;
      if (head.bytes.length >= n && head.bytes.subarray(0, n).equals(f.head)) pending.of = f;
      else if (head.bytes.length < n && f.head.subarray(0, head.bytes.length).equals(head.bytes)) alike = true;
    }
    const waited = now - pending.firstSeen >= this.timing.copyWaitMs;
    // A copy of a file being read is judged once that file has ended: read on from where it ends,
    // not from where it is now, since its reader may still hand on lines the copy holds too (a
    // partial line it holds, a line the writer completes).
    if ((pending.of !== null && pending.of.ended === null) || (pending.of === null && furthest === null && alike && !waited)) {
      this.pending.set(key, pending);
      return 'wait';
    }
    this.pending.delete(key);
    const of = pending.of;
    if (of !== null && (furthest === null || of.readOffset >= furthest.offset)) return { offset: of.readOffset, line: of.readLine };
    return furthest === null ? 'new' : { offset: furthest.offset, line: furthest.line };
  }

  private track(found: Located, identity: FileIdentity, id: string): FollowedFile {
    const file = new FollowedFile(id, found.handle, found.path, identity, found.head.bytes, found.head.gzip, (f) => this.onEnded(f));
    this.live.set(file.key, file);
    return file;
  }

  private onEnded(file: FollowedFile): void {
    this.live.delete(file.key);
    this.restoring.delete(file.id);
    this.finished.add({
      id: file.id,
      path: file.path,
      dev: file.identity.dev,
      ino: file.identity.ino,
      fingerprint: fingerprintOf(file.head),
      fingerprintBytes: file.head.length,
      gzip: file.gzip,
      end: file.ended ?? 'detached',
      offset: file.readOffset,
      line: file.readLine,
      seenAt: Date.now(),
    });
    // A copy waiting on it can go now.
    if (this.pending.size > 0) this.kick();
  }

  private newId(identity: FileIdentity): string {
    const base = fileSplitId(identity);
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base}~${n}`;
    this.ids.add(id);
    return id;
  }

  /**
   * A file under `path` was written to: wakes its reader. A change is also how a file replaced
   * under its name shows (chokidar reports a new inode under a watched name, and an add within
   * 100 ms of an unlink, as a change), and a file a scan passed over (still empty) is not being
   * read: unless the change is to a file being read, the inputs are listed again at once.
   */
  private onChange(path: string, stats?: { dev: number; ino: number }): void {
    const key = stats === undefined ? null : `${stats.dev}:${stats.ino}`;
    let known = false;
    for (const f of this.live.values()) {
      if (f.key === key) known = true;
      if (f.key === key || resolve(f.path) === resolve(path)) f.wake();
    }
    if (!known) this.kick();
  }

  private kick(): void {
    this.loop.wake();
  }

  /** Until a notification, the rescan time, a pending copy's wait, or the stop. */
  private async nextScan(signal: AbortSignal): Promise<void> {
    // A copy waiting on a file's end is woken by it (onEnded); one still being made, by time.
    const ms = [...this.pending.values()].some((p) => p.of === null) ? Math.min(this.timing.rescanMs, this.timing.copyWaitMs / 4) : this.timing.rescanMs;
    await this.loop.wait(ms, signal);
  }
}

/** The identity of a found file: its inode and a fingerprint of its first bytes. */
function identityOf(found: Located): FileIdentity {
  return { dev: found.dev, ino: found.ino, fingerprint: fingerprintOf(found.head.bytes), fingerprintBytes: found.head.bytes.length, size: 0 };
}

/** `head` holds at least `n` bytes and its first `n` hash to `fingerprint`. */
function startsWith(head: Buffer, fingerprint: string, n: number): boolean {
  return n > 0 && head.length >= n && fingerprintOf(head, n) === fingerprint;
}
