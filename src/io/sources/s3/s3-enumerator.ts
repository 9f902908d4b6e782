import { setTimeout as sleep } from 'node:timers/promises';
import type { EnumeratorEvent, SavedSplit, SplitEnumerator } from '../../../engine/contracts/source.js';
import { warn } from '../../../common/warn.js';
import { toInputError } from '../input-error.js';
import type { ObjectStore } from './object-store.js';
import type { OpenObjects } from './open-objects.js';
import type { RequestsAhead } from './requests-ahead.js';
import { listAfter } from './s3-listing.js';
import type { S3Location } from './s3-location.js';
import { s3Split, type S3ObjectIdentity } from './s3-split.js';
import type { S3Timing } from './s3-timing.js';

/** The enumerator's checkpointed state: every key the input (`url`) takes up to `cursor` was added. */
export interface S3EnumeratorState {
  url: string;
  cursor: string | null;
  /**
   * Objects the restored checkpoint was reading that the job has not taken back in yet (each is
   * looked up before it is added): they are before the cursor, so a checkpoint taken meanwhile
   * must hold them here, or the rest of them would be lost. Absent when there are none.
   */
  resuming?: SavedSplit[];
}

/**
 * Finds the objects of one `s3://` input (Flink's enumerator with a start-after cursor):
 *
 * - restored from a checkpoint, first the objects that were being read, each resumed at its
 *   position (one deleted since: a warning, skipped; one changed since, another etag: a warning,
 *   read again from its start), then the keys after the checkpoint's cursor;
 * - the listing is streamed, a page at a time, and an object is added only when one of the
 *   source's open places is free (see OpenObjects), its request made ahead: memory does not grow
 *   with the number of objects;
 * - bounded: it ends after the last key; `follow`: it lists again for keys after the last one
 *   seen every `pollMs` (keys that sort before it are not seen: name objects so they sort by
 *   time, as dated paths do).
 *
 * Its snapshot is the cursor: the objects before it that the job has read to the end are
 * forgotten, so neither the checkpoints nor the job's memory grow with the objects read; and,
 * while restoring, the checkpoint's objects the job has not taken back in yet.
 */
export class S3Enumerator implements SplitEnumerator {
  private cursor: string | null;
  /**
   * The keys restored from the checkpoint: a checkpoint taken just after the job took in an
   * object, before the enumerator moved its cursor past it, holds the object and a cursor before
   * it, so the listing finds it again; it is not added twice.
   */
  private readonly restoredKeys = new Set<string>();
  /** The objects to resume that the job has not taken in yet, by split id (see S3EnumeratorState.resuming). */
  private readonly resuming = new Map<string, SavedSplit>();

  constructor(
    private readonly store: ObjectStore,
    private readonly location: S3Location,
    saved: SavedSplit[],
    state: S3EnumeratorState | null,
    private readonly follow: boolean,
    private readonly timing: S3Timing,
    private readonly open: OpenObjects,
    private readonly ahead: RequestsAhead,
  ) {
    this.cursor = state?.cursor ?? null;
    // The checkpoint's splits of this input (`saved`: the source gives each input its own), then
    // those its run had not taken back in yet (in the order it took them; a checkpoint taken while
    // the job took one in holds it in both: the job's wins).
    for (const s of [...saved, ...(state?.resuming ?? [])]) if (!s.ended && !this.resuming.has(s.id)) this.resuming.set(s.id, s);
  }

  async *events(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    try {
      yield* this.enumerate(signal);
    } finally {
      if (signal.aborted) this.ahead.clear();
    }
  }

  snapshot(): S3EnumeratorState {
    const state: S3EnumeratorState = { url: this.location.url, cursor: this.cursor };
    if (this.resuming.size > 0) state.resuming = [...this.resuming.values()];
    return state;
  }

  private async *enumerate(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    yield* this.restored(signal);
    if (this.follow) yield { kind: 'initial-splits-added' };
    for (;;) {
      try {
        yield* this.listed(signal);
      } catch (err) {
        if (signal.aborted) return;
        throw toInputError(this.location.url, err);
      }
      if (!this.follow) break;
      await sleep(this.timing.pollMs, undefined, { signal }).catch(() => {});
      if (signal.aborted) return;
    }
    yield { kind: 'no-more-splits' };
  }

  /** The objects the checkpoint was reading, found again. */
  private async *restored(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    for (const saved of [...this.resuming.values()]) {
      const was = saved.identity as S3ObjectIdentity;
      this.restoredKeys.add(was.key);
      const now = await this.store.head(was.bucket, was.key, signal).catch((err: unknown) => {
        throw toInputError(this.location.url, err);
      });
      if (signal.aborted) return;
      if (now === null) {
        warn(`${saved.name} was deleted since the last checkpoint: the rest of it is skipped`);
        this.resuming.delete(saved.id);
        continue;
      }
      await this.open.take(signal);
      if (signal.aborted) return;
      if (now.etag !== was.etag) {
        warn(`${saved.name} changed since the last checkpoint: it is read again from its start`);
        yield { kind: 'add', split: s3Split(was.bucket, now), resume: null };
      } else yield { kind: 'add', split: s3Split(was.bucket, now), resume: saved };
      // Resumed after the job took the split in: a checkpoint from now on holds it.
      this.resuming.delete(saved.id);
    }
  }

  /** The keys after the cursor, each added once a place is free. */
  private async *listed(signal: AbortSignal): AsyncGenerator<EnumeratorEvent> {
    const { bucket } = this.location;
    for await (const { object, taken } of listAfter(this.store, this.location, this.cursor ?? undefined, signal)) {
      if (!taken || this.restoredKeys.has(object.key)) {
        // Every key before it that the input takes was added.
        this.cursor = object.key;
        continue;
      }
      await this.open.take(signal);
      if (signal.aborted) return;
      const split = s3Split(bucket, object);
      if (object.size > 0) this.ahead.put(split.id, this.store.get(bucket, object.key, { start: 0 }, signal));
      yield { kind: 'add', split, resume: null };
      // Resumed after the job took the split in: a checkpoint from now on holds it.
      this.cursor = object.key;
    }
  }
}
