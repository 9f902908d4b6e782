import { describe, expect, it } from 'vitest';
import { positiveInt } from '../../../src/commands/options.js';
import { PipelineError } from '../../../src/dsl/pipeline-error.js';

const problem = (name: string, value: string): string => {
  try {
    positiveInt(name, value);
  } catch (e) {
    if (e instanceof PipelineError) return `${e.diagnostics[0]!.source!.name}: ${e.message}`;
    throw e;
  }
  throw new Error('accepted');
};

describe('whole-number options', () => {
  it('accept 1 up to their bound', () => {
    expect(positiveInt('--parallelism', '1')).toBe(1);
    expect(positiveInt('--parallelism', '64')).toBe(64);
    expect(positiveInt('--max-errors', '100000')).toBe(100000);
    expect(positiveInt('--parallelism', undefined)).toBeUndefined();
  });

  it('refuse anything else with an error located in the option', () => {
    expect(problem('--parallelism', '65')).toBe('<option --parallelism>: `--parallelism` takes a whole number from 1 to 64, not `65`');
    expect(problem('--parallelism', '0')).toBe('<option --parallelism>: `--parallelism` takes a whole number from 1 to 64, not `0`');
    expect(problem('--max-errors', '0')).toBe('<option --max-errors>: `--max-errors` takes a whole number of at least 1, not `0`');
    expect(problem('--max-errors', '-1')).toBe('<option --max-errors>: `--max-errors` takes a whole number of at least 1, not `-1`');
  });
});
