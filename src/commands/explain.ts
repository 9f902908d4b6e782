import { explainText, planJson } from '../dsl/explain.js';
import { loadPipeline } from './load-pipeline.js';
import { overridesOf, positiveInt, type RunFlags } from './options.js';
import { describePhysicalPlan, physicalPlanJson } from '../engine/runtime/physical-plan.js';
import { defaultParallelism, effectiveParallelism } from '../engine/runtime/parallelism.js';

/** `fstream explain (-c FILE | QUERY) [--json] [-p N]`: the logical plan and the physical tasks. */
export async function explainCommand(query: string | undefined, flags: RunFlags & { json?: boolean }): Promise<number> {
  const { plan } = await loadPipeline(query, flags.config, overridesOf(flags));
  const requested = positiveInt('--parallelism', flags.parallelism) ?? defaultParallelism();
  const { parallelism, reason } = effectiveParallelism(plan, requested);
  if (flags.json) {
    const out = { plan: planJson(plan), physical: physicalPlanJson(plan, parallelism, reason) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    process.stdout.write(explainText(plan).trimEnd() + '\n\n' + describePhysicalPlan(plan, parallelism, reason) + '\n');
  }
  return 0;
}
