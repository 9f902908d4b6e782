import type { Plan, Step } from '../../plan/types.js';

/** One physical task of a job: what runs where, and how data reaches it. */
export interface PhysicalTask {
  name: string;
  /** How many parallel instances run. */
  instances: number;
  /** Where it runs: `main thread` or `worker threads`. */
  runsOn: string;
  /** The operators fused into the task (Flink's operator chain). */
  operators: string[];
  /** How its input arrives. */
  input: string;
}

/** The physical plan of `plan` at `parallelism`: the tasks the engine builds, in data-flow order. */
export function physicalPlan(plan: Plan, parallelism: number): PhysicalTask[] {
  const aggAt = plan.steps.findIndex((s) => s.op === 'aggregate');
  const pre = aggAt < 0 ? plan.steps : plan.steps.slice(0, aggAt);
  const agg = aggAt < 0 ? undefined : plan.steps[aggAt];
  const post = aggAt < 0 ? [] : plan.steps.slice(aggAt + 1);
  const sources = plan.input.from.map((f) => (f === '-' ? 'stdin' : f)).join(', ');
  const tasks: PhysicalTask[] = [
    { name: 'source', instances: 1, runsOn: 'main thread', operators: [`read ${sources}`, 'cut newline-aligned chunks'], input: 'files / stdin' },
  ];
  const chainOps = [`decode ${plan.format.kind}`, ...pre.map(opName)];
  if (agg) chainOps.push('assign windows + pre-aggregate');
  const many = parallelism > 1;
  tasks.push({
    name: 'chain',
    instances: parallelism,
    runsOn: many ? 'worker threads' : 'main thread',
    operators: chainOps,
    input: many ? 'chunks to the least busy worker, as transferred buffers (at most 3 per worker in flight)' : 'chunks, in order',
  });
  if (agg && agg.op === 'aggregate') {
    const keys = agg.by.length > 0 ? `hash of [${agg.byNames.join(', ')}] into 128 key groups` : 'all to one key group';
    tasks.push({
      name: 'window',
      instances: many && agg.by.length > 0 ? parallelism : 1,
      runsOn: many ? 'worker threads (key-group owners)' : 'main thread',
      operators: [`window ${agg.window.kind}`, 'merge partial aggregates', 'fire on watermark', ...post.map(opName)],
      input: many ? `partial aggregates, partitioned by ${keys}` : 'records, in order',
    });
  }
  const to = plan.output.to ?? 'stdout';
  tasks.push({ name: 'sink', instances: 1, runsOn: 'main thread', operators: [`${plan.output.format ?? 'ndjson/table'} → ${to}`], input: 'results, in firing order' });
  return tasks;
}

function opName(step: Step): string {
  return step.op;
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
