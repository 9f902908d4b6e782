import { explainText, planJson } from '../dsl/explain.js';
import { loadPipeline } from './load-pipeline.js';
import { overridesOf, positiveInt, type RunFlags } from './options.js';
import { describePhysicalPlan, physicalPlanJson } from '../engine/runtime/physical-plan.js';
import { defaultForInput, defaultParallelism, effectiveParallelism } from '../engine/runtime/parallelism.js';
import { localInputBytes } from '../app/input-bytes.js';

/** `fstream explain (-c FILE | QUERY) [--json] [-p N]`: the logical plan and the physical tasks. */
export async function explainCommand(query: string | undefined, flags: RunFlags & { json?: boolean }): Promise<number> {
  const { plan } = await loadPipeline(query, flags.config, overridesOf(flags));
  const given = positiveInt('--parallelism', flags.parallelism);
  // As a run would choose: without -p, a small bounded input runs on one thread.
  const byInput =
    given === undefined ? defaultForInput(defaultParallelism(), await localInputBytes(plan.input.from, plan.input.follow === true)) : { parallelism: given };
  const effective = effectiveParallelism(plan, byInput.parallelism);
  const parallelism = effective.parallelism;
  const reason = effective.reason ?? byInput.reason;
  if (flags.json) {
    const out = { plan: planJson(plan), physical: physicalPlanJson(plan, parallelism, reason) };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    process.stdout.write(explainText(plan).trimEnd() + '\n\n' + describePhysicalPlan(plan, parallelism, reason) + '\n');
  }
  return 0;
}
