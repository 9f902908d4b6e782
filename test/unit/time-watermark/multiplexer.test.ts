import { describe, expect, it } from 'vitest';
import { BoundedOutOfOrdernessWatermark } from '../../../src/engine/watermark/bounded-out-of-orderness.js';
import { WatermarkMultiplexer } from '../../../src/engine/watermark/multiplexer.js';
import { fakeClock } from './fake-clock.js';

const NEG = Number.NEGATIVE_INFINITY;
const POS = Number.POSITIVE_INFINITY;

function setup(n: number, idleMs = 100) {
  const clock = fakeClock();
  const inputs = Array.from({ length: n }, () => new BoundedOutOfOrdernessWatermark(0, { idleMs, clock }));
  return { clock, inputs, mux: new WatermarkMultiplexer(inputs) };
}

describe('WatermarkMultiplexer', () => {
  it('is the minimum over active inputs', () => {
    const {
      inputs: [a, b],
      mux,
    } = setup(2);
    expect(mux.update()).toBe(NEG);
    a!.observe(1000);
    expect(mux.update()).toBe(NEG); // b has seen nothing yet and is not idle
    b!.observe(500);
    expect(mux.update()).toBe(499);
    b!.observe(2000);
    expect(mux.update()).toBe(999);
    expect(mux.current()).toBe(999);
  });

  it('leaves idle inputs out', () => {
    const {
      clock,
      inputs: [a, b],
      mux,
    } = setup(2);
    a!.observe(100);
    b!.observe(50);
    clock.advance(60);
    a!.observe(1000);
    expect(mux.update()).toBe(49);
    clock.advance(40); // b quiet for 100 ms: idle
    expect(mux.update()).toBe(999);
    expect(mux.isIdle()).toBe(false);
  });

  it('an input that never sends anything stops holding back once idle', () => {
    const {
      clock,
      inputs: [a],
      mux,
    } = setup(2);
    a!.observe(300);
    clock.advance(99);
    a!.observe(400);
    expect(mux.update()).toBe(NEG);
    clock.advance(1);
    expect(mux.update()).toBe(399);
  });

  it('when all inputs are idle it moves on with processing time from where the slowest went quiet', () => {
    const {
      clock,
      inputs: [a, b],
      mux,
    } = setup(2);
    a!.observe(100);
    b!.observe(900);
    expect(mux.update()).toBe(99);
    clock.advance(99);
    expect(mux.update()).toBe(99); // not idle yet: nothing moves
    clock.advance(1); // both quiet for 100 ms: idle, each caught up with the present
    expect(mux.update()).toBe(199); // min(99 + 100, 899 + 100)
    expect(mux.isIdle()).toBe(true);
    clock.advance(250);
    expect(mux.update()).toBe(449);
    // a resumes behind the job watermark: it is active again and holds it, which does not go back.
    a!.observe(300);
    expect(mux.update()).toBe(449);
    expect(mux.isIdle()).toBe(false);
    a!.observe(600);
    expect(mux.update()).toBe(599);
  });

  it('all idle: inputs without any event are left out; with none that has one it holds', () => {
    const {
      clock,
      inputs: [a],
      mux,
    } = setup(2);
    clock.advance(100); // both idle, neither has an event
    expect(mux.update()).toBe(NEG);
    expect(mux.isIdle()).toBe(true);
    a!.observe(1000);
    clock.advance(100); // a idle again; b never sent anything
    expect(mux.update()).toBe(1099);
    clock.advance(1);
    expect(mux.update()).toBe(1100);
  });

  it('an idle input resuming behind the watermark holds further progress without going back', () => {
    const {
      clock,
      inputs: [a, b],
      mux,
    } = setup(2);
    a!.observe(100);
    b!.observe(100);
    clock.advance(50);
    a!.observe(200);
    clock.advance(50);
    a!.observe(500); // b idle now
    expect(mux.update()).toBe(499);
    b!.observe(150); // b resumes, far behind
    expect(b!.isIdle()).toBe(false);
    a!.observe(800);
    expect(mux.update()).toBe(499); // monotonic, and b holds it
    b!.observe(600);
    expect(mux.update()).toBe(599);
    b!.observe(900);
    expect(mux.update()).toBe(799);
  });

  it('never goes backwards', () => {
    const {
      inputs: [a],
      mux,
    } = setup(1);
    a!.observe(1000);
    expect(mux.update()).toBe(999);
    mux.addInput(new BoundedOutOfOrdernessWatermark(0)); // a new input starts at -Infinity
    expect(mux.update()).toBe(999);
  });

  it('finished inputs count as +Infinity; all finished → +Infinity', () => {
    const {
      inputs: [a, b],
      mux,
    } = setup(2);
    a!.observe(100);
    b!.observe(300);
    a!.finish();
    expect(mux.update()).toBe(299);
    b!.finish();
    expect(mux.update()).toBe(POS);
    expect(mux.isIdle()).toBe(false);
  });

  it('finished + all the others idle: moves on from the idle ones, never jumps to +Infinity', () => {
    const {
      clock,
      inputs: [a, b],
      mux,
    } = setup(2);
    a!.observe(100);
    b!.observe(300);
    expect(mux.update()).toBe(99);
    a!.finish();
    clock.advance(100); // b idle: caught up with the present from its own 299
    expect(mux.update()).toBe(399);
    expect(mux.isIdle()).toBe(true);
    b!.observe(400);
    expect(mux.update()).toBe(399);
    b!.observe(450);
    expect(mux.update()).toBe(449);
    b!.finish();
    expect(mux.update()).toBe(POS);
  });

  it('with no inputs it holds', () => {
    const mux = new WatermarkMultiplexer();
    expect(mux.update()).toBe(NEG);
    expect(mux.isIdle()).toBe(true);
    mux.restore(42);
    expect(mux.update()).toBe(42);
  });
});
