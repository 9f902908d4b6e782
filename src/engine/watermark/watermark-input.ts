/**
 * One input's contribution to the job watermark, as read by the {@link WatermarkMultiplexer}.
 * Implementations: {@link BoundedOutOfOrdernessWatermark}; tests may supply their own.
 */
export interface WatermarkInput {
  /** The input's own watermark (−Infinity before any event; +Infinity once finished). */
  current(): number;
  /** True while the input is idle: it sent nothing for its idle timeout. */
  isIdle(): boolean;
  /**
   * While idle: the watermark of the input taken as caught up with the present (its own
   * watermark moved on with processing time since it went quiet); never below `current()`, and
   * −Infinity while the input has seen no event. Read only while `isIdle()` holds.
   */
  idleWatermark(): number;
  /** True once a bounded input has ended. */
  isFinished(): boolean;
}
