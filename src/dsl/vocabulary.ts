/** The names the DSL knows: stages, formats, functions and their arities. */
import type { FormatName } from './ast.js';

export const FORMAT_NAMES: readonly FormatName[] = ['json', 'logfmt', 'csv', 'tsv', 'lines', 'nginx', 'apache', 'regex'];

export const STAGE_NAMES: readonly string[] = [...FORMAT_NAMES, 'where', 'eval', 'select', 'drop', 'time', 'window', 'emit', 'limit'];

export interface Arity {
  min: number;
  max: number;
}

/** Aggregate functions as they may be written, with their arities. */
export const AGG_FUNCS: ReadonlyMap<string, Arity> = new Map([
  ['count', { min: 0, max: 1 }],
  ['sum', { min: 1, max: 1 }],
  ['avg', { min: 1, max: 1 }],
  ['min', { min: 1, max: 1 }],
  ['max', { min: 1, max: 1 }],
  ['count_distinct', { min: 1, max: 1 }],
  ['approx_count_distinct', { min: 1, max: 1 }],
  ['p50', { min: 1, max: 1 }],
  ['p90', { min: 1, max: 1 }],
  ['p95', { min: 1, max: 1 }],
  ['p99', { min: 1, max: 1 }],
  ['percentile', { min: 2, max: 2 }],
  ['first', { min: 1, max: 1 }],
  ['last', { min: 1, max: 1 }],
]);

/** Scalar functions of expressions (SPEC §2). */
export const SCALAR_FUNCS: ReadonlyMap<string, Arity> = new Map([
  ['lower', { min: 1, max: 1 }],
  ['upper', { min: 1, max: 1 }],
  ['len', { min: 1, max: 1 }],
  ['contains', { min: 2, max: 2 }],
  ['starts_with', { min: 2, max: 2 }],
  ['ends_with', { min: 2, max: 2 }],
  ['round', { min: 1, max: 2 }],
  ['floor', { min: 1, max: 1 }],
  ['ceil', { min: 1, max: 1 }],
  ['int', { min: 1, max: 1 }],
  ['float', { min: 1, max: 1 }],
  ['str', { min: 1, max: 1 }],
  ['coalesce', { min: 1, max: Infinity }],
  ['if', { min: 3, max: 3 }],
]);

/** Words that cannot be bare field names in expressions (write them in backticks). */
export const EXPR_KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

export const OUTPUT_FORMATS = ['ndjson', 'csv', 'table'] as const;

/** `1 argument`, `1 or 2 arguments`, `at least 1 argument`. */
export function describeArity(a: Arity): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (a.max === Infinity) return `at least ${plural(a.min)}`;
  if (a.min === a.max) return plural(a.min);
  return `${a.min} or ${plural(a.max)}`;
}
