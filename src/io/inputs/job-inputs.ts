import type { Source, SourceRestore } from '../../engine/contracts/source.js';
import { compositeSource, partStates } from './composite-source.js';
import type { FollowTiming } from '../sources/follow/follow-timing.js';
import { createLocalSource } from '../sources/local-source.js';
import { peekStream } from '../sources/peek-stream.js';
import { resolveSplits } from '../sources/resolve-splits.js';
import type { ObjectStore } from '../sources/s3/object-store.js';
import { isS3Url } from '../sources/s3/s3-location.js';
import { isS3SplitId } from '../sources/s3/s3-split.js';
import type { S3Timing } from '../sources/s3/s3-timing.js';
import type { Split } from '../sources/split.js';

export interface InputOptions {
  follow: boolean;
  /** `--s3-endpoint`: an S3-compatible store. */
  s3Endpoint?: string;
  s3Timing?: Partial<S3Timing>;
  /**
   * A state directory is there: its checkpoint may hold objects of an `s3://` input whose prefix is empty now
   * (deleted since), so whether a read-once input that matches nothing is an error is known only with the checkpoint.
   */
  resuming?: boolean;
  followTiming?: Partial<FollowTiming>;
  /** The store of the `s3://` inputs (tests may give one); by default `@aws-sdk/client-s3`'s. */
  store?: ObjectStore;
  /**
   * Read ahead on stdin (up to `maxBytes`, for at most `waitMs`) so that `knownBytes` can tell a
   * small piped input that has ended; nothing read ahead is lost.
   */
  peekStdin?: { maxBytes: number; waitMs: number };
}

/** The job's `--from` entries, checked, ready to become its source once the checkpoint is known. */
export interface JobInputs {
  /** Stdin is one of the inputs. */
  readonly readsStdin: boolean;
  /**
   * The bytes of all inputs (as stored: gzip compressed) when every one is read once and its
   * size is known now (files; stdin that ended within `peekStdin`); else null.
   */
  readonly knownBytes: number | null;
  source(restore: SourceRestore): Promise<Source>;
}

/** A run of local entries (files, globs, directories, stdin), or one `s3://` input. */
type Group = { kind: 'local'; from: string[]; splits: Split[] } | { kind: 's3'; url: string };

/**
 * Opens the `--from` entries (stdin when none) before anything runs, so a missing file, a glob
 * that matches nothing (read once), a missing bucket or refused credentials are reported before
 * any output or state is touched; when `resuming`, an `s3://` prefix that matches nothing is
 * reported only once the checkpoint is known (and not at all if the checkpoint was reading it).
 * Local entries and `s3://` inputs mix freely: read once, the local entries' splits come where the
 * first of them is, each S3 input's where it is; followed, side by side. The S3 client is loaded
 * only when an `s3://` input is there.
 */
export async function openInputs(from: string[], options: InputOptions): Promise<JobInputs> {
  const entries = from.length === 0 ? ['-'] : from;
  const groups: Group[] = [];
  // The local entries are one group (where the first of them is): a file is matched with the
  // checkpoint, or found rotated, by one local source.
  let local: Extract<Group, { kind: 'local' }> | undefined;
  for (const entry of entries) {
    if (isS3Url(entry)) groups.push({ kind: 's3', url: entry });
    else if (local) local.from.push(entry);
    else groups.push((local = { kind: 'local', from: [entry], splits: [] }));
  }
  const readsStdin = entries.includes('-');
  const urls = groups.flatMap((g) => (g.kind === 's3' ? [g.url] : []));
  // Followed inputs may not exist yet; others are resolved now.
  const stdin =
    readsStdin && !options.follow && options.peekStdin ? await peekStream(process.stdin, options.peekStdin.maxBytes, options.peekStdin.waitMs) : undefined;
  if (!options.follow) for (const g of groups) if (g.kind === 'local') g.splits = await resolveSplits(g.from, stdin ? { stdin } : {});
  if (urls.length === 0) {
    const only = local!;
    const sizes = options.follow ? [undefined] : only.splits.map((s) => s.size);
    return {
      readsStdin,
      knownBytes: sizes.every((n) => n !== undefined) ? sizes.reduce((a, b) => a + b, 0) : null,
      source: async (restore) => {
        // A checkpoint of a run that also had S3 inputs holds the local entries' state among its parts.
        const local = { splits: restore.splits.filter((s) => !isS3SplitId(s.id)), enumerator: localStateOf(restore.enumerator) };
        if (!options.follow) return createLocalSource(only.splits, local);
        const { createFollowSource } = await import('../sources/follow/follow-source.js');
        return createFollowSource(only.from, local, options.followTiming);
      },
    };
  }
  const s3 = await import('../sources/s3/s3-source.js');
  const store = options.store ?? (await (await import('../sources/s3/sdk-object-store.js')).createSdkObjectStore({ endpoint: options.s3Endpoint }));
  const checked = await s3.checkS3Inputs(urls, store, { mustMatch: !options.follow && options.resuming !== true });
  return {
    readsStdin,
    knownBytes: null,
    async source(restore) {
      const localSaved = restore.splits.filter((s) => !isS3SplitId(s.id));
      const parts: Source[] = [];
      // Each input finds its own state, whatever the order of the entries now or whether the
      // checkpoint's job had S3 inputs: an S3 input's by its URL (a changed prefix starts its
      // listing afresh), the local entries' is the one without a URL.
      const s3States = checked.map((l) => partStates(restore.enumerator).find((st) => urlOf(st) === l.url) ?? null);
      const localState = localStateOf(restore.enumerator);
      const s3Sources = await s3.createS3Sources(checked, store, restore.splits, s3States, {
        follow: options.follow,
        timing: options.s3Timing,
        mustMatch: !options.follow && options.resuming === true,
      });
      let next = 0;
      for (const g of groups) {
        if (g.kind === 's3') {
          parts.push(s3Sources[next++]!);
          continue;
        }
        const partRestore = { splits: localSaved, enumerator: localState };
        if (!options.follow) parts.push(createLocalSource(g.splits, partRestore));
        else parts.push(await (await import('../sources/follow/follow-source.js')).createFollowSource(g.from, partRestore, options.followTiming));
      }
      return compositeSource(parts);
    },
  };
}

/** The local entries' enumerator state in a checkpoint: the one part without a URL. */
function localStateOf(state: unknown): unknown {
  return partStates(state).find((st) => st !== null && urlOf(st) === undefined) ?? null;
}

function urlOf(state: unknown): string | undefined {
  const url = (state as { url?: unknown } | null)?.url;
  return typeof url === 'string' ? url : undefined;
}
