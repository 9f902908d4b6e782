import { describe, expect, it } from 'vitest';
import { compileYaml } from '../../../src/dsl/compile.js';
import { yamlErrors } from './helpers.js';

// Compiling is linear in the size of the pipeline: these take well under a second (they took
// tens of seconds when each step's position was found by scanning the file from its start).
describe('large pipelines compile in linear time', () => {
  it('20,000 steps', () => {
    const text = `format: json\nsteps:\n${'  - where: a > 1\n'.repeat(20_000)}`;
    expect(compileYaml('p.yaml', text, {}).plan.steps).toHaveLength(20_000);
  }, 6_000);

  it('10,000 broken steps', () => {
    const text = `format: json\nsteps:\n${'  - where: (\n'.repeat(10_000)}`;
    expect(yamlErrors(text)).toHaveLength(10_000);
  }, 6_000);
});
