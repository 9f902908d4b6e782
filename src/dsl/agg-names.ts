/** How aggregates as written map to the plan: canonical functions, quantiles, default output names. */
import type { AggCall } from './ast.js';
import { exprToString } from './expr-to-string.js';
import type { AggFn } from '../plan/types.js';
import { toPExpr } from './to-pexpr.js';

export const SHORT_PERCENTILES: Readonly<Record<string, number>> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

export function canonicalAgg(name: string): AggFn {
  return Object.hasOwn(SHORT_PERCENTILES, name) ? 'percentile' : (name as AggFn);
}

/** A quantile as written: in [0, 1] (`0.95`, as Flink and DuckDB have it), else null. */
export function normaliseQ(q: number): number | null {
  return q >= 0 && q <= 1 ? q : null;
}

/**
 * The output name: the alias, else `count` for a bare count, else `FN_FIELD` with the function
 * as written (`p95_latency_ms`) or `FN_` + the expression's text with non-word runs as `_`.
 */
export function aggOutputName(call: AggCall): string {
  if (call.alias) return call.alias.name;
  const fn = call.fn.name;
  const arg = call.args[0];
  if (!arg) return fn;
  const text = arg.kind === 'field' ? arg.path.join('_') : exprToString(toPExpr(arg));
  const suffix = text.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
  return suffix ? `${fn}_${suffix}` : fn;
}
