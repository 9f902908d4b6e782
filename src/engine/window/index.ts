export type {
  CountAssigner,
  GlobalAssigner,
  SessionAssigner,
  SlidingAssigner,
  TumblingAssigner,
  WindowAssigner,
  WindowSink,
} from './assigner.js';
export { createAssigner } from './create-assigner.js';
export { countWindows, GLOBAL_WINDOW, globalWindows, isGlobalWindow } from './global.js';
export { MergingWindowSet, type MergeResult } from './merging-window-set.js';
export { session } from './session.js';
export { forEachSlidingWindow, sliding } from './sliding.js';
export { tumbling } from './tumbling.js';
export { windowStart } from './window-start.js';
export { isComplete, maxTimestamp, type TimeWindow } from './window.js';
