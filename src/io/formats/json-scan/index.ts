export { createJsonProjector, type ByteLineDecoder } from './projector.js';
