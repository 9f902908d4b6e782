export { countNewlines } from './count-newlines.js';
export type { LineChunk, OversizedLine } from '../../engine/contracts/line-chunk.js';
export { DEFAULT_CHUNK_BYTES, DEFAULT_HEAD_BYTES, DEFAULT_MAX_LINE_BYTES, type FramerOptions } from './framer-options.js';
export { LineCursor, iterateLines } from './line-cursor.js';
export { LineFramer } from './line-framer.js';
