import { InputError } from '../../../common/errors.js';
import type { SavedSplit, Source } from '../../../engine/contracts/source.js';
import { toInputError } from '../input-error.js';
import type { ObjectStore } from './object-store.js';
import { OpenObjects } from './open-objects.js';
import { RequestsAhead } from './requests-ahead.js';
import { S3Enumerator, type S3EnumeratorState } from './s3-enumerator.js';
import { listAfter } from './s3-listing.js';
import { parseS3Url, type S3Location } from './s3-location.js';
import { s3Reader } from './s3-reader.js';
import { isS3SplitId, type S3ObjectIdentity } from './s3-split.js';
import { DEFAULT_S3_TIMING, type S3Timing } from './s3-timing.js';

export interface S3SourceOptions {
  /** `--follow`: list again for new keys until the job stops (unbounded). */
  follow: boolean;
  timing?: Partial<S3Timing>;
  /**
   * Read once and resumed from a checkpoint (`checkS3Inputs` did not require a match): an input the checkpoint
   * holds nothing of must take a key under its prefix. One it holds objects of need not: they may all have been
   * deleted since (each is skipped with a warning), and the job still has to finish.
   */
  mustMatch?: boolean;
}

/**
 * Parses and checks the `s3://` inputs before anything runs: the bucket is there and the
 * credentials are accepted; with `mustMatch` (read once), the input takes at least one key under
 * its prefix. An `InputError` naming the input otherwise.
 */
export async function checkS3Inputs(urls: string[], store: ObjectStore, options: { mustMatch: boolean }): Promise<S3Location[]> {
  const locations = urls.map(parseS3Url);
  for (const location of locations) await check(store, location, options.mustMatch);
  return locations;
}

/**
 * The sources of the `s3://` inputs, one per input, in the order given; they share the store,
 * the objects open at once and the requests made ahead. `states[i]` is input i's enumerator state
 * from the checkpoint (null when none); the checkpoint's object splits go to the first input that
 * takes their key.
 */
export async function createS3Sources(
  locations: S3Location[],
  store: ObjectStore,
  saved: SavedSplit[],
  states: unknown[],
  options: S3SourceOptions,
): Promise<Source[]> {
  const timing = { ...DEFAULT_S3_TIMING, ...options.timing };
  const open = new OpenObjects(timing.openObjects);
  const ahead = new RequestsAhead();
  const reader = s3Reader(store, timing, open, ahead);
  const claimed = new Set<string>();
  const sources: Source[] = [];
  for (const [i, location] of locations.entries()) {
    const mine = saved.filter((s) => {
      if (!isS3SplitId(s.id) || claimed.has(s.id)) return false;
      const id = s.identity as S3ObjectIdentity;
      return id.bucket === location.bucket && location.takes(id.key);
    });
    for (const s of mine) claimed.add(s.id);
    const state = (states[i] ?? null) as S3EnumeratorState | null;
    if (options.mustMatch === true && mine.length === 0 && (state?.cursor ?? null) === null) await check(store, location, true);
    const enumerator = new S3Enumerator(store, location, mine, state, options.follow, timing, open, ahead);
    sources.push({ bounded: !options.follow, enumerator, reader });
  }
  return sources;
}

/**
 * Lists the start of the input: fails on a missing bucket or refused credentials; with
 * `mustMatch`, also when no key under the prefix is one the input takes.
 */
async function check(store: ObjectStore, location: S3Location, mustMatch: boolean): Promise<void> {
  const signal = new AbortController().signal;
  try {
    for await (const { taken } of listAfter(store, location, undefined, signal)) {
      if (taken || !mustMatch) return;
    }
  } catch (err) {
    throw toInputError(location.url, err);
  }
  if (mustMatch) throw new InputError(`no input matches ${location.url}`);
}
