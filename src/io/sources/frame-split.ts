import type { ReadPosition, ReadEvent, ReadOptions } from '../../engine/contracts/source.js';
import { DamagedInputError } from '../../common/errors.js';
import type { FramerOptions } from '../framing/framer-options.js';
import { LineFramer } from '../framing/line-framer.js';

/**
 * A split's bytes (from `from`) as the reader's events (see SplitReader): newline-aligned chunks,
 * cut the same way on every run for a replayable split and eagerly (each complete line as soon
 * as it arrives) for a live one; on damaged data the good lines, then the damage. Ends quietly
 * once the signal aborts. `sizes`: the framer's chunk and line sizes (tests make them small).
 */
export async function* frameSplit(
  bytes: AsyncIterable<Buffer>,
  from: ReadPosition | null,
  live: boolean,
  options: ReadOptions,
  sizes: Pick<FramerOptions, 'targetChunkBytes' | 'maxLineBytes' | 'headBytes'> = {},
): AsyncGenerator<ReadEvent> {
  const { signal } = options;
  const framer = new LineFramer({ ...sizes, eager: live, startOffset: from?.offset ?? 0, firstLine: from?.line ?? 1, allocate: options.allocate });
  try {
    for await (const buf of bytes) {
      for (const chunk of framer.push(buf)) yield { kind: 'chunk', chunk };
    }
  } catch (err) {
    if (signal.aborted) return;
    if (!(err instanceof DamagedInputError)) throw err;
    const { chunks, tail, line } = framer.abandon();
    for (const chunk of chunks) yield { kind: 'chunk', chunk };
    yield { kind: 'damaged', line, error: err.message, tail };
    return;
  }
  if (signal.aborted) return;
  const last = framer.end();
  // A small input never filled its accumulator: the next input's framer takes it over.
  options.recycle?.(framer.release());
  for (const chunk of last) yield { kind: 'chunk', chunk };
}
