export type {
  GlobalAssigner,
  SlidingAssigner,
  TumblingAssigner,
  WindowAssigner,
  WindowSink,
} from './assigner.js';
export { createAssigner } from './create-assigner.js';
export { GLOBAL_WINDOW, globalWindows, isGlobalWindow } from './global.js';
export { forEachSlidingWindow, sliding } from './sliding.js';
export { tumbling } from './tumbling.js';
export { windowStart } from './window-start.js';
export { isComplete, maxTimestamp, type TimeWindow } from './window.js';
