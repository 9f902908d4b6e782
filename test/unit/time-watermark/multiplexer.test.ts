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

  it('every input finished stays +Infinity on later updates, and is not idle', () => {
    const { inputs, mux } = setup(3);
    for (const [i, input] of inputs.entries()) input.observe(100 * i);
    for (const input of inputs) input.finish();
    expect(mux.update()).toBe(POS);
    expect(mux.isIdle()).toBe(false);
    // The finished inputs were dropped: the multiplexer still knows it had inputs, all finished.
    expect(mux.update()).toBe(POS);
    expect(mux.isIdle()).toBe(false);
    expect(mux.inputCount).toBe(3);
  });

  it('inputCount counts finished inputs too', () => {
    const { inputs, mux } = setup(3);
    expect(mux.inputCount).toBe(3);
    inputs[0]!.finish();
    inputs[2]!.finish();
    mux.update();
    expect(mux.inputCount).toBe(3);
    mux.addInput(new BoundedOutOfOrdernessWatermark(0));
    expect(mux.inputCount).toBe(4);
    mux.update();
    expect(mux.inputCount).toBe(4);
  });

  it('a finished input never holds back, also one that finished behind the others', () => {
    const {
      inputs: [a, b, c],
      mux,
    } = setup(3);
    a!.observe(1000);
    b!.observe(10);
    c!.observe(2000);
    expect(mux.update()).toBe(9);
    b!.finish();
    expect(mux.update()).toBe(999);
    a!.observe(3000);
    expect(mux.update()).toBe(1999);
    // An input added after others were dropped counts like any other.
    const d = new BoundedOutOfOrdernessWatermark(0);
    mux.addInput(d);
    d.observe(2500);
    c!.observe(4000);
    expect(mux.update()).toBe(2499);
    d.finish();
    expect(mux.update()).toBe(2999);
    a!.finish();
    c!.finish();
    expect(mux.update()).toBe(POS);
  });

  it('many inputs finished one after another, with one live input: the live one decides, without looping over the finished', () => {
    let looks = 0;
    /** Counts how often the multiplexer looks at an input. */
    class Counted extends BoundedOutOfOrdernessWatermark {
      override isFinished(): boolean {
        looks++;
        return super.isFinished();
      }
    }
    const live = new Counted(0);
    const mux = new WatermarkMultiplexer([live]);
    live.observe(1000);
    expect(mux.update()).toBe(999);
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      // One object of a bucket after another: added, read ahead of the live input, finished.
      const input = new Counted(0);
      mux.addInput(input);
      input.observe(2000 + i);
      expect(mux.update()).toBe(999);
      input.finish();
      expect(mux.update()).toBe(999);
    }
    expect(mux.inputCount).toBe(n + 1);
    // A few looks per update (the live input and the one being read), not one per input ever read.
    expect(looks).toBeLessThan(10 * 2 * n);
    live.observe(5000);
    expect(mux.update()).toBe(4999);
    expect(mux.isIdle()).toBe(false);
    live.finish();
    expect(mux.update()).toBe(POS);
    expect(mux.inputCount).toBe(n + 1);
  });

  it('with no inputs it holds', () => {
    const mux = new WatermarkMultiplexer();
    expect(mux.update()).toBe(NEG);
    expect(mux.isIdle()).toBe(true);
    expect(mux.update()).toBe(NEG);
    expect(mux.inputCount).toBe(0);
    mux.restore(42);
    expect(mux.update()).toBe(42);
  });
});
