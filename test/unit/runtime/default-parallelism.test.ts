import { describe, expect, it } from 'vitest';
import { SMALL_INPUT_BYTES, defaultForInput } from '../../../src/engine/runtime/parallelism.js';

describe('defaultForInput', () => {
  it('a bounded input known to be small runs on one thread, and says why', () => {
    const r = defaultForInput(2, 11 * 1024);
    expect(r.parallelism).toBe(1);
    expect(r.reason).toBe('the input is small (11.0 KiB, under 16.0 MiB): one thread reads it before workers would start');
  });

  it('keeps the default for a large, unknown (live, growing, S3) input, or a one-core default', () => {
    expect(defaultForInput(2, SMALL_INPUT_BYTES)).toEqual({ parallelism: 2 });
    expect(defaultForInput(4, null)).toEqual({ parallelism: 4 });
    expect(defaultForInput(1, 10)).toEqual({ parallelism: 1 });
  });
});
