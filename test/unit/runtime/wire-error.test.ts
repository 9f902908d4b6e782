import { describe, expect, it } from 'vitest';
import { DamagedInputError, InputError, RuntimeError, UsageError } from '../../../src/common/errors.js';
import { fromWire, toWire } from '../../../src/common/wire-error.js';

describe('errors across a thread boundary', () => {
  it('keep their class, code, exit code and message', () => {
    for (const err of [new InputError('input not found: x'), new DamagedInputError('bad gzip'), new RuntimeError('boom'), new UsageError('bad option')]) {
      const back = fromWire(structuredClone(toWire(err)));
      expect(back).toBeInstanceOf(err.constructor);
      expect(back.message).toBe(err.message);
      expect((back as InputError).code).toBe(err.code);
      expect((back as InputError).exitCode).toBe(err.exitCode);
    }
  });

  it('an error that is not fstream’s becomes a runtime error with its message', () => {
    const back = fromWire(toWire(new TypeError('x is not a function')));
    expect(back).toBeInstanceOf(RuntimeError);
    expect(back.message).toBe('x is not a function');
  });
});
