/**
 * The compiled plan: plain serialisable data (no classes, no closures, no spans), so that it can
 * be posted to worker threads, printed by `explain --json`, and hashed to detect a changed
 * pipeline. The query form and the YAML form of one pipeline compile to the same Plan.
 *
 * The only source-dependent part is `origin` on steps (where the step was written, for runtime
 * error messages); `explain --json` and the plan hash leave it out.
 */
/** Binary operators of expressions. */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | '=~';

/** Input formats. */
export type FormatName = 'json' | 'logfmt' | 'csv' | 'tsv' | 'lines' | 'nginx' | 'apache' | 'regex';

/** An expression without spans. Same shapes as the AST's `Expr`. */
export type PExpr =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'field'; path: string[] }
  | { kind: 'unary'; op: '-' | 'not'; operand: PExpr }
  | { kind: 'binary'; op: BinaryOp; left: PExpr; right: PExpr }
  | { kind: 'in'; operand: PExpr; list: PExpr[]; negated: boolean }
  | { kind: 'call'; name: string; args: PExpr[] }
  | { kind: 'index'; target: PExpr; index: PExpr };

/** Where a step was written: `<query>:1:8` or `pipeline.yaml:7:5`. */
export interface Origin {
  source: string;
  line: number;
  col: number;
}

export interface FormatSpec {
  kind: FormatName;
  /** For `regex`: the pattern with named groups. */
  pattern?: string;
}

export type TimeSpec =
  | { kind: 'processing' }
  | { kind: 'ingestion' }
  | {
      kind: 'event';
      field: string[];
      /** strftime-like format; absent = ISO-8601, epoch s/ms, or CLF. */
      format?: string;
      lagMs: number;
      /** An input quiet for this long stops holding the watermark back; absent = never. */
      idleMs?: number;
    };

export type WindowSpec =
  | { kind: 'tumbling'; sizeMs: number }
  | { kind: 'sliding'; sizeMs: number; slideMs: number }
  | { kind: 'session'; gapMs: number }
  /** One window over everything; also used for whole-input aggregation (no window stage). */
  | { kind: 'global' }
  | { kind: 'count'; size: number };

/** Canonical aggregate function names. */
export type AggFn = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'count_distinct' | 'approx_count_distinct' | 'percentile' | 'first' | 'last';

export interface AggSpec {
  fn: AggFn;
  /** The value aggregated; absent for `count`/`count()`. */
  arg?: PExpr;
  /** For `percentile` (and p50/p90/p95/p99): the quantile in [0, 1]. */
  q?: number;
  /** The output field name (alias or default `FN_FIELD`, `count`). */
  as: string;
}

export type Step =
  | { op: 'where'; expr: PExpr; origin?: Origin }
  | { op: 'eval'; assign: { name: string; expr: PExpr }[]; origin?: Origin }
  | { op: 'select'; fields: string[][]; origin?: Origin }
  | { op: 'drop'; fields: string[][]; origin?: Origin }
  | { op: 'limit'; n: number; origin?: Origin }
  /**
   * `top` / `sort`: the records of each window (of the whole input without one) in the order of
   * `keys`, per `by` group, the first `n` of them (null: all), once the window is complete.
   */
  /**
   * `parse` / `regex ... from`: `regex` (a user regex source) matched against the text of `from`;
   * each named group `group` becomes the field `name` (a number when it looks like one); a record
   * that does not match is dropped.
   */
  | { op: 'parse'; regex: string; from: string[]; fields: { group: string; name: string }[]; origin?: Origin }
  /** `dedupe`: the first record per key; with `withinMs`, again once that long (event time) has passed. */
  | { op: 'dedupe'; fields: string[][]; withinMs?: number; origin?: Origin }
  | { op: 'order'; word: 'top' | 'sort'; n: number | null; by: string[][]; keys: { expr: PExpr; desc: boolean }[]; origin?: Origin }
  /** Where event time is read from each record (at most one; before any `aggregate`). */
  | { op: 'timestamp'; time: TimeSpec; origin?: Origin }
  /**
   * Window + aggregation (+ early firing). A `window` stage without an aggregation is a
   * pipeline error; an aggregation without a window gets `{ kind: 'global' }` and `wholeInput: true`.
   */
  | {
      op: 'aggregate';
      window: WindowSpec;
      /** No window stage was written: one result per key at the end of a bounded input. */
      wholeInput: boolean;
      by: string[][];
      /** Output names of the `by` fields (the last path segment). */
      byNames: string[];
      aggs: AggSpec[];
      emitEveryMs?: number;
      origin?: Origin;
    };

export interface InputSpec {
  /** `-` for stdin, a path, a glob, or `s3://bucket/prefix`. */
  from: string[];
  follow: boolean;
}

export interface OutputSpec {
  /** Absent = stdout. May be a template (`out/{host}.ndjson`). */
  to?: string;
  /** Absent = ndjson on a pipe, table on a terminal (decided at run time). */
  format?: 'ndjson' | 'csv' | 'table' | 'chart';
}

export interface Plan {
  version: 1;
  input: InputSpec;
  format: FormatSpec;
  /** The time characteristic of the job: from the `timestamp` step if any, else processing time. */
  time: TimeSpec;
  steps: Step[];
  output: OutputSpec;
  /** Fields the steps read from decoded records (for projection push-down); null = all. */
  fieldsRead: string[] | null;
}
