import type { WatermarkInput } from './watermark-input.js';

/**
 * The job watermark over N inputs (Flink's `WatermarkOutputMultiplexer`, with idle inputs caught
 * up with the present). At each `update()`:
 *
 * - while some unfinished input is active (not idle), it is the minimum of `current()` over the
 *   active inputs: idle inputs are left out (Flink's rule), so a quiet input does not hold the
 *   others back;
 * - when every unfinished input is idle (one quiet `tail -F` on stdin, all followed files quiet),
 *   it is the minimum of `idleWatermark()` over the idle inputs that have seen an event: each is
 *   taken to be caught up with the present, so the watermark moves on with processing time from
 *   where each input went quiet, and the last windows fire without more input. Inputs that have
 *   seen no event are left out; when no idle input has seen one, the watermark holds;
 * - a finished input counts as +Infinity: it never holds the watermark back; when every input
 *   has finished, the watermark is +Infinity; with no inputs yet (a followed glob that matches
 *   nothing so far) it holds;
 * - it never goes backwards: an idle input that resumes behind the job watermark holds further
 *   progress back until it catches up (its records behind what was fired are late: counted and
 *   reported like any late event), but does not move the watermark back.
 */
export class WatermarkMultiplexer {
  private inputs: WatermarkInput[] = [];
  /** Inputs that finished, dropped from `inputs` (a finished input is +Infinity for good). */
  private finishedInputs = 0;
  private watermark = Number.NEGATIVE_INFINITY;
  private idle = false;

  constructor(inputs: Iterable<WatermarkInput> = []) {
    for (const input of inputs) this.inputs.push(input);
  }

  /** Adds an input (e.g. a file that appeared under `--follow`). */
  addInput(input: WatermarkInput): void {
    this.inputs.push(input);
  }

  get inputCount(): number {
    return this.inputs.length + this.finishedInputs;
  }

  /**
   * Recomputes and returns the job watermark. Call it whenever an input's watermark may have
   * moved (per block of input, or on a processing-time tick for idleness).
   */
  update(): number {
    let min = Number.POSITIVE_INFINITY;
    let idleMin = Number.POSITIVE_INFINITY;
    let active = 0;
    let unfinished = 0;
    let finished = 0;
    for (const input of this.inputs) {
      if (input.isFinished()) {
        finished++;
        continue;
      }
      unfinished++;
      if (input.isIdle()) {
        // An idle input without any event yet has no time to move on from: it is left out.
        const wm = input.idleWatermark();
        if (wm > Number.NEGATIVE_INFINITY && wm < idleMin) idleMin = wm;
        continue;
      }
      active++;
      const wm = input.current();
      if (wm < min) min = wm;
    }
    // Finished inputs are dropped: a job that reads many inputs one after another (objects of a
    // bucket, rotated files) does not loop over all it has read.
    if (finished > 0) {
      this.inputs = this.inputs.filter((input) => !input.isFinished());
      this.finishedInputs += finished;
    }
    const any = this.inputs.length + this.finishedInputs > 0;
    this.idle = !any || (unfinished > 0 && active === 0);
    // No inputs yet (a followed glob that matches nothing so far) holds; every input finished is
    // +Infinity; all idle: the idle inputs caught up with the present, or hold when none has an event.
    let next = min;
    if (!any) next = Number.NEGATIVE_INFINITY;
    else if (unfinished === 0) next = Number.POSITIVE_INFINITY;
    else if (active === 0) next = idleMin === Number.POSITIVE_INFINITY ? Number.NEGATIVE_INFINITY : idleMin;
    if (next > this.watermark) this.watermark = next;
    return this.watermark;
  }

  /** The job watermark as of the last `update()` (−Infinity before). */
  current(): number {
    return this.watermark;
  }

  /**
   * True when, at the last `update()`, every unfinished input was idle (or there was no input):
   * the watermark then moves on with processing time, if at all.
   */
  isIdle(): boolean {
    return this.idle;
  }

  /** Restores a checkpointed job watermark (it stays monotonic from there). */
  restore(watermark: number): void {
    this.watermark = watermark;
  }
}
