import type { WindowAssigner } from '../../../src/engine/window/assigner.js';
import type { TimeWindow } from '../../../src/engine/window/window.js';

/** The windows an assigner gives for `ts`, in the order it gives them. */
export function windowsOf(assigner: WindowAssigner, ts: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  assigner.assign(ts, (start, end) => out.push({ start, end }));
  return out;
}
