export { createJsonProjector, type ByteLineDecoder, type ProjectorOptions } from './projector.js';
