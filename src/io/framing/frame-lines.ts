import type { LineChunk } from '../../engine/contracts/line-chunk.js';
import type { FramerOptions } from './framer-options.js';
import { LineFramer } from './line-framer.js';

/** Frames a whole byte stream (a split's `open()` result) into `LineChunk`s; see `LineFramer`. */
export async function* frameLines(
  source: AsyncIterable<Buffer>,
  options: FramerOptions = {},
): AsyncGenerator<LineChunk> {
  const framer = new LineFramer(options);
  for await (const buf of source) {
    yield* framer.push(buf);
  }
  yield* framer.end();
}
