import type { WatermarkInput } from './watermark-input.js';

/**
 * The job watermark over N inputs (Flink's `WatermarkOutputMultiplexer`):
 *
 * - it is the minimum of `current()` over the inputs that are neither idle nor finished;
 * - a finished input counts as +Infinity: it never holds the watermark back; when every input
 *   has finished, the watermark is +Infinity;
 * - when every unfinished input is idle (or there are no inputs yet), the combined output is
 *   idle and the watermark does not advance (so a stalled input cannot be overtaken just because
 *   the others finished);
 * - it never goes backwards: an idle input that resumes behind the job watermark holds further
 *   progress back until it catches up (its records before the watermark are late), but does not
 *   move the watermark back.
 */
export class WatermarkMultiplexer {
  private readonly inputs: WatermarkInput[] = [];
  private watermark = Number.NEGATIVE_INFINITY;
  private idle = false;

  constructor(inputs: Iterable<WatermarkInput> = []) {
    for (const input of inputs) this.inputs.push(input);
  }

  /** Adds an input (e.g. a file that appeared under `--follow`); returns its index. */
  addInput(input: WatermarkInput): number {
    return this.inputs.push(input) - 1;
  }

  get inputCount(): number {
    return this.inputs.length;
  }

  /**
   * Recomputes and returns the job watermark. Call it whenever an input's watermark may have
   * moved (per block of input, or on a processing-time tick for idleness).
   */
  update(): number {
    let min = Number.POSITIVE_INFINITY;
    let active = 0;
    let unfinished = 0;
    for (const input of this.inputs) {
      if (input.isFinished()) continue;
      unfinished++;
      if (input.isIdle()) continue;
      active++;
      const wm = input.current();
      if (wm < min) min = wm;
    }
    // No inputs yet (e.g. a followed glob that matches nothing so far) holds, like all idle.
    this.idle = this.inputs.length === 0 || (unfinished > 0 && active === 0);
    if (!this.idle && min > this.watermark) this.watermark = min;
    return this.watermark;
  }

  /** The job watermark as of the last `update()` (−Infinity before). */
  current(): number {
    return this.watermark;
  }

  /** True when, at the last `update()`, every unfinished input was idle. */
  isIdle(): boolean {
    return this.idle;
  }

  /** Restores a checkpointed job watermark (it stays monotonic from there). */
  restore(watermark: number): void {
    this.watermark = watermark;
  }
}
