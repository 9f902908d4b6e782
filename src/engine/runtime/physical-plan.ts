import type { Plan } from '../../plan/types.js';
import { layoutOf } from '../pipeline/pipeline-layout.js';
import { kindOf } from '../pipeline/registry.js';

/** One physical task of a job: what runs where, and how data reaches it. */
export interface PhysicalTask {
  name: string;
  /** How many parallel instances run. */
  instances: number;
  /** Where it runs: `main thread` or `worker threads`. */
  runsOn: string;
  /** The operators fused into the task (Flink's operator chain), as their step kinds name them. */
  operators: string[];
  /** How its input arrives. */
  input: string;
}

/**
 * The physical plan of `plan` at `parallelism`: the tasks the engine builds, in data-flow order,
 * derived from the plan's layout (see layoutOf) and each step kind's own description.
 */
export function physicalPlan(plan: Plan, parallelism: number): PhysicalTask[] {
  const layout = layoutOf(plan);
  const many = parallelism > 1;
  const sources = plan.input.from.map((f) => (f === '-' ? 'stdin' : f)).join(', ');
  const tasks: PhysicalTask[] = [
    {
      name: 'source',
      instances: 1,
      runsOn: 'main thread',
      operators: [`read ${sources}`, 'cut newline-aligned chunks'],
      input: plan.input.follow ? 'files followed as they grow' : 'files / stdin',
    },
  ];
  const chain = [`decode ${plan.format.kind}`, ...layout.chain.map((s) => kindOf(s).describe(s))];
  const keyed = layout.keyed;
  if (keyed) chain.push(`${kindOf(keyed.step).describe(keyed.step)}: assign windows + pre-aggregate`);
  tasks.push({
    name: 'chain',
    instances: parallelism,
    runsOn: many ? 'worker threads' : 'main thread',
    operators: chain,
    input: many ? 'chunks to the least busy worker, as transferred buffers (at most 3 per worker in flight)' : 'chunks, in order',
  });
  if (keyed) {
    const { step } = keyed;
    const keys = step.by.length > 0 ? `hash of [${step.byNames.join(', ')}] into 128 key groups` : 'all to one key group';
    tasks.push({
      name: 'keyed',
      instances: many && step.by.length > 0 ? parallelism : 1,
      runsOn: many ? 'worker threads (key-group owners)' : 'main thread',
      operators: [kindOf(step).describe(step), 'merge partial aggregates', 'fire on watermark'],
      input: many ? `partial aggregates, partitioned by ${keys}` : 'records, in order',
    });
  }
  if (layout.after.length > 0) {
    tasks.push({
      name: 'operators',
      instances: 1,
      runsOn: 'main thread',
      operators: layout.after.map(({ step }) => kindOf(step).describe(step)),
      input: keyed ? 'results, in firing order' : 'records, in input order',
    });
  }
  const to = plan.output.to ?? 'stdout';
  tasks.push({
    name: 'sink',
    instances: 1,
    runsOn: 'main thread',
    operators: [`${plan.output.format ?? 'ndjson/table'} → ${to}`],
    input: keyed ? 'results, in firing order' : 'records, in input order',
  });
  return tasks;
}

export function physicalPlanJson(plan: Plan, parallelism: number, oneThreadBecause?: string): unknown {
  return { parallelism, ...(oneThreadBecause ? { oneThreadBecause } : {}), tasks: physicalPlan(plan, parallelism) };
}

export function describePhysicalPlan(plan: Plan, parallelism: number, oneThreadBecause?: string): string {
  const why = oneThreadBecause ? `; one thread: ${oneThreadBecause}` : '';
  const lines = [`physical plan (parallelism ${parallelism}${why}):`];
  physicalPlan(plan, parallelism).forEach((t, i) => {
    const n = t.instances > 1 ? ` ×${t.instances}` : '';
    lines.push(`  ${i + 1}. ${t.name}${n} on ${t.runsOn}: ${t.operators.join(' → ')}`);
    lines.push(`     input: ${t.input}`);
  });
  return lines.join('\n');
}
