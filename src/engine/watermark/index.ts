export { BoundedOutOfOrdernessWatermark, type BoundedOutOfOrdernessOptions } from './bounded-out-of-orderness.js';
export { WatermarkMultiplexer } from './multiplexer.js';
export type { WatermarkInput } from './watermark-input.js';
