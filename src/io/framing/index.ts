export { countNewlines } from './count-newlines.js';
export { frameLines } from './frame-lines.js';
export {
  DEFAULT_CHUNK_BYTES,
  DEFAULT_HEAD_BYTES,
  DEFAULT_MAX_LINE_BYTES,
  type FramerOptions,
  type LineChunk,
  type OversizedLine,
} from './line-chunk.js';
export { LineCursor, iterateLines } from './line-cursor.js';
export { LineFramer } from './line-framer.js';
