import { stat } from 'node:fs/promises';
import type { ReadEvent, ReadOptions, ReadPosition, Source, SourceRestore, SourceSplit, SplitReader } from '../../../engine/contracts/source.js';
import { frameSplit } from '../frame-split.js';
import { gunzip, skipBytes } from '../gunzip.js';
import { createFileSplit, reportErrors } from '../file-split.js';
import { localReader } from '../local-source.js';
import { localSplit, type LocalSplit } from '../local-split.js';
import { createStdinSplit } from '../stdin-split.js';
import { FollowEnumerator } from './follow-enumerator.js';
import { FollowInputs } from './follow-inputs.js';
import { DEFAULT_FOLLOW_TIMING, type FollowTiming } from './follow-timing.js';
import type { FollowSplit } from './followed-file.js';
import { tailFile } from './tail-file.js';

/**
 * The source of `--follow` (`tail -F` semantics): the files of the `--from` entries — paths that
 * may not exist yet, directories, globs — read as they grow, through rename rotation,
 * copytruncate, deletion and compression of rotated files, each line handed on once; new matches
 * are read from their start. Unbounded: it reads until the job stops. Restored from a checkpoint,
 * every file (also one rotated or copied while the job was down) is read on from its position.
 * `-`, FIFOs and other streams among the entries are read as they arrive, once.
 */
export async function createFollowSource(from: string[], restore: SourceRestore, timing: Partial<FollowTiming> = {}): Promise<Source> {
  const t = { ...DEFAULT_FOLLOW_TIMING, ...timing };
  const entries = from.length === 0 ? ['-'] : from;
  const streams: LocalSplit[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    if (entry === '-') {
      if (!streams.some((s) => s.name === '-')) streams.push(localSplit(createStdinSplit(), null));
      continue;
    }
    const st = await stat(entry).catch(() => null);
    if (st !== null && !st.isFile() && !st.isDirectory()) streams.push(localSplit(createFileSplit(entry, entry, true), null));
    else files.push(entry);
  }
  const inputs = await FollowInputs.of(files);
  return { bounded: false, enumerator: new FollowEnumerator(inputs, streams, restore, t), reader: followReader(t) };
}

function followReader(timing: FollowTiming): SplitReader {
  return {
    async *read(split: SourceSplit, from: ReadPosition | null, options: ReadOptions): AsyncGenerator<ReadEvent> {
      if (!('file' in split)) return yield* localReader.read(split, from, options);
      const { file } = split as FollowSplit;
      file.reading = true;
      const start = from ?? { offset: 0, line: 1 };
      const bytes = file.gzip
        ? skipBytes(gunzip(file.handle.createReadStream({ start: 0, autoClose: false, signal: options.signal })), start.offset)
        : tailFile(file, start.offset, timing, options.signal);
      for await (const ev of frameSplit(reportErrors(split.name, bytes), start, true, options)) {
        if (ev.kind === 'chunk') {
          file.readOffset = ev.chunk.endOffset;
          file.readLine = ev.chunk.firstLine + ev.chunk.lines;
        }
        yield ev;
      }
      // Ends after its last line was handed on. A gzip file (a compressed rotated log) does not grow: once read, it is done.
      if (!options.signal.aborted) await file.end(file.stopped ?? 'bounded');
    },
  };
}
