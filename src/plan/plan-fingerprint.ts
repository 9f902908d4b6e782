import { createHash } from 'node:crypto';
import type { Plan } from './types.js';

/**
 * What of a plan a checkpoint depends on: how records are decoded, timed and computed, and
 * where results go. Inputs may change between runs (new files appear); these may not.
 */
export interface PlanShape {
  format: unknown;
  time: unknown;
  steps: unknown[];
  output: unknown;
}

export function planShape(plan: Plan): PlanShape {
  const strip = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, val: unknown) => (k === 'origin' ? undefined : val)));
  return { format: strip(plan.format), time: strip(plan.time), steps: plan.steps.map(strip) as unknown[], output: strip(plan.output) };
}

export function planHash(shape: PlanShape): string {
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** A sentence saying what differs between the plan a checkpoint was taken with and this one. */
export function describeChange(saved: PlanShape, now: PlanShape): string {
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(saved.format, now.format)) return 'the input format changed';
  if (!same(saved.time, now.time)) return 'the event time settings (--time, --lag, --idle) changed';
  if (!same(saved.output, now.output)) return 'the output (--to, -o) changed';
  const n = Math.max(saved.steps.length, now.steps.length);
  for (let i = 0; i < n; i++) {
    const a = saved.steps[i] as { op?: string } | undefined;
    const b = now.steps[i] as { op?: string } | undefined;
    if (same(a, b)) continue;
    if (!a) return `a step was added (${b?.op ?? '?'})`;
    if (!b) return `a step was removed (${a.op ?? '?'})`;
    return a.op === b.op ? `step ${i + 1} (${a.op}) changed` : `step ${i + 1} changed from ${a.op} to ${b.op}`;
  }
  return 'the pipeline changed';
}
