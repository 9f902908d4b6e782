/** `fstream explain`: the logical plan as numbered text, and as JSON without source positions. */
import { formatDuration } from '../common/time/duration.js';
import { exprToString, fieldPath, quoteString } from './expr-to-string.js';
import type { AggSpec, Plan, Step, TimeSpec, WindowSpec } from '../plan/types.js';

export { exprToString } from './expr-to-string.js';

/** The plan with every `origin` removed: the same for the query and YAML forms of a pipeline. */
export function planJson(plan: Plan): unknown {
  return strip(plan);
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'origin' && x !== undefined) out[k] = strip(x);
  return out;
}

export function explainText(plan: Plan): string {
  const lines: string[] = [];
  const from = plan.input.from.map((f) => (f === '-' ? 'stdin' : f)).join(', ');
  lines.push(`source: ${from}${plan.input.follow ? ' (follow)' : ''}`);
  const fields = plan.fieldsRead === null ? 'all fields' : `fields ${plan.fieldsRead.join(', ') || '(none)'}`;
  const fmt = plan.format.kind === 'regex' ? `regex ${quoteString(plan.format.pattern ?? '')}` : plan.format.kind;
  lines.push(`decode: ${fmt} (${fields})`);
  if (!plan.steps.some((s) => s.op === 'timestamp')) lines.push(`time: ${timeText(plan.time)}`);
  for (const step of plan.steps) lines.push(stepText(step));
  const sink = plan.output.to ?? 'stdout';
  lines.push(`sink: ${sink}${plan.output.format ? ` (${plan.output.format})` : ''}`);
  return lines.map((l, i) => `${i + 1}. ${l}`).join('\n') + '\n';
}

function timeText(t: TimeSpec): string {
  if (t.kind !== 'event') return `${t.kind} time`;
  let s = `event time from ${fieldPath(t.field)}`;
  if (t.format) s += ` format ${quoteString(t.format)}`;
  s += `, watermark lag ${formatDuration(t.lagMs)}`;
  if (t.idleMs !== undefined) s += `, idle ${formatDuration(t.idleMs)}`;
  return s;
}

function windowText(w: WindowSpec): string {
  switch (w.kind) {
    case 'tumbling':
      return `window tumbling ${formatDuration(w.sizeMs)}`;
    case 'sliding':
      return `window sliding ${formatDuration(w.sizeMs)} every ${formatDuration(w.slideMs)}`;
    case 'session':
      return `window session ${formatDuration(w.gapMs)}`;
    case 'global':
      return 'window global';
    case 'count':
      return `window count ${w.size}`;
  }
}

function aggText(a: AggSpec): string {
  const args = a.arg ? [exprToString(a.arg)] : [];
  if (a.fn === 'percentile') args.push(String(a.q));
  return `${a.fn}(${args.join(', ')}) as ${fieldPath([a.as])}`;
}

function stepText(step: Step): string {
  switch (step.op) {
    case 'timestamp':
      return `time: ${timeText(step.time)}`;
    case 'where':
      return `where ${exprToString(step.expr)}`;
    case 'eval':
      return `eval ${step.assign.map((a) => `${fieldPath([a.name])} = ${exprToString(a.expr)}`).join(', ')}`;
    case 'select':
    case 'drop':
      return `${step.op} ${step.fields.map(fieldPath).join(', ')}`;
    case 'limit':
      return `limit ${step.n}`;
    case 'order':
      return orderText(step);
    case 'parse':
      return `parse ${fieldPath(step.from)} with /${step.regex}/ into ${step.fields.map((f) => fieldPath([f.name])).join(', ')}`;
    case 'dedupe':
      return `dedupe ${step.fields.map(fieldPath).join(', ')}${step.withinMs !== undefined ? ` within ${formatDuration(step.withinMs)}` : ''}`;
    case 'aggregate': {
      const win = step.wholeInput ? 'whole input' : windowText(step.window);
      const by = step.by.length ? ` by ${step.by.map(fieldPath).join(', ')}` : '';
      const emit = step.emitEveryMs !== undefined ? `, emit every ${formatDuration(step.emitEveryMs)}` : '';
      return `aggregate (${win}${emit}): ${step.aggs.map(aggText).join(', ')}${by}`;
    }
  }
}

function orderText(step: Extract<Step, { op: 'order' }>): string {
  const keys = step.keys.map((k) => `${exprToString(k.expr)}${k.desc ? ' desc' : ''}`).join(', ');
  if (step.word === 'sort') return `sort ${keys}`;
  const by = step.by.length ? ` by ${step.by.map(fieldPath).join(', ')}` : '';
  return `top ${step.n}${by} order by ${keys}`;
}
