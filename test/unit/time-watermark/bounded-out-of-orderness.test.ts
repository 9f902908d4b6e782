import { describe, expect, it } from 'vitest';
import { BoundedOutOfOrdernessWatermark } from '../../../src/engine/watermark/bounded-out-of-orderness.js';
import { fakeClock } from './fake-clock.js';

describe('BoundedOutOfOrdernessWatermark', () => {
  it('is -Infinity before any event', () => {
    expect(new BoundedOutOfOrdernessWatermark(0).current()).toBe(Number.NEGATIVE_INFINITY);
  });

  it('is max event time - lag - 1 and ignores out-of-order events', () => {
    const w = new BoundedOutOfOrdernessWatermark(5000);
    w.observe(10_000);
    expect(w.current()).toBe(4999);
    w.observe(8000); // out of order: no change
    expect(w.current()).toBe(4999);
    w.observe(12_000);
    expect(w.current()).toBe(6999);
  });

  it('with lag 0, an event at e completes windows ending at e', () => {
    const w = new BoundedOutOfOrdernessWatermark(0);
    w.observe(60_000);
    expect(w.current()).toBe(59_999); // == maxTimestamp of [0, 60000)
  });

  it('observeBlock takes a block max; -Infinity only counts as activity', () => {
    const clock = fakeClock();
    const w = new BoundedOutOfOrdernessWatermark(0, { idleMs: 100, clock });
    w.observeBlock(500);
    clock.advance(99);
    w.observeBlock(Number.NEGATIVE_INFINITY);
    expect(w.current()).toBe(499);
    clock.advance(99);
    expect(w.isIdle()).toBe(false);
  });

  it('becomes idle after idleMs without records, and active again at the next one', () => {
    const clock = fakeClock(1000);
    const w = new BoundedOutOfOrdernessWatermark(0, { idleMs: 100, clock });
    w.observe(5);
    clock.advance(99);
    expect(w.isIdle()).toBe(false);
    clock.advance(1);
    expect(w.isIdle()).toBe(true);
    expect(w.current()).toBe(4); // idleness does not change the input's own watermark
    w.observe(7);
    expect(w.isIdle()).toBe(false);
    expect(w.current()).toBe(6);
  });

  it('while idle, idleWatermark is the watermark moved on by the time since the last activity', () => {
    const clock = fakeClock(1000);
    const w = new BoundedOutOfOrdernessWatermark(50, { idleMs: 100, clock });
    w.observe(500);
    expect(w.idleWatermark()).toBe(449);
    clock.advance(100);
    expect(w.isIdle()).toBe(true);
    expect(w.current()).toBe(449); // the input's own watermark does not change
    expect(w.idleWatermark()).toBe(549);
    clock.advance(1000);
    expect(w.idleWatermark()).toBe(1549);
    w.observe(600); // active again: its own watermark counts, from its events only
    expect(w.isIdle()).toBe(false);
    expect(w.current()).toBe(549);
    expect(w.idleWatermark()).toBe(549);
  });

  it('idleWatermark: -Infinity before any event, +Infinity once finished', () => {
    const clock = fakeClock();
    const w = new BoundedOutOfOrdernessWatermark(0, { idleMs: 10, clock });
    clock.advance(1000);
    expect(w.isIdle()).toBe(true);
    expect(w.idleWatermark()).toBe(Number.NEGATIVE_INFINITY);
    w.finish();
    expect(w.idleWatermark()).toBe(Number.POSITIVE_INFINITY);
  });

  it('an input that never sends anything becomes idle, counted from its creation', () => {
    const clock = fakeClock();
    const w = new BoundedOutOfOrdernessWatermark(0, { idleMs: 50, clock });
    expect(w.isIdle()).toBe(false);
    clock.advance(50);
    expect(w.isIdle()).toBe(true);
  });

  it('touch counts as activity; without idleMs an input is never idle', () => {
    const clock = fakeClock();
    const w = new BoundedOutOfOrdernessWatermark(0, { idleMs: 10, clock });
    clock.advance(9);
    w.touch();
    clock.advance(9);
    expect(w.isIdle()).toBe(false);
    const never = new BoundedOutOfOrdernessWatermark(0, { clock });
    clock.advance(1e12);
    expect(never.isIdle()).toBe(false);
  });

  it('finish: +Infinity, finished, not idle', () => {
    const clock = fakeClock();
    const w = new BoundedOutOfOrdernessWatermark(1000, { idleMs: 10, clock });
    w.observe(5);
    w.finish();
    clock.advance(100);
    expect(w.current()).toBe(Number.POSITIVE_INFINITY);
    expect(w.isFinished()).toBe(true);
    expect(w.isIdle()).toBe(false);
  });

  it('snapshot / restore keep the max event time', () => {
    const a = new BoundedOutOfOrdernessWatermark(10);
    a.observe(100);
    const b = new BoundedOutOfOrdernessWatermark(10);
    b.restore(a.snapshot());
    expect(b.current()).toBe(89);
  });

  it('refuses a negative lag or a non-positive idle timeout', () => {
    expect(() => new BoundedOutOfOrdernessWatermark(-1)).toThrow(RangeError);
    expect(() => new BoundedOutOfOrdernessWatermark(0, { idleMs: 0 })).toThrow(RangeError);
  });
});
