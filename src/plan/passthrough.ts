import { fieldsRead } from './fields-read.js';
import type { Plan } from './types.js';

/**
 * A pure filter over NDJSON (`json | where ...`, with `time` and `limit`) outputs its input
 * records unchanged, so it can write each matching line as it was read, decoding only the
 * fields its conditions read. Returns those fields, or null when the plan is not such a filter.
 */
export function passthroughFields(plan: Plan): string[] | null {
  if (plan.format.kind !== 'json') return null;
  if (!plan.steps.every((s) => s.op === 'where' || s.op === 'timestamp' || s.op === 'limit')) return null;
  return fieldsRead([...plan.steps, { op: 'select', fields: [] }]);
}
