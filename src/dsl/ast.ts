/**
 * The pipeline AST. The query string parser and the YAML reader both produce it; every node
 * carries a span into its SourceFile so that the checker can point at it.
 */
import type { BinaryOp, FormatName } from '../plan/types.js';
import type { SourceFile, Span } from './source.js';

export type { BinaryOp, FormatName } from '../plan/types.js';

export type Expr =
  | { kind: 'literal'; value: string | number | boolean | null; span: Span }
  /** `a.b.c` → ['a','b','c']; `` `x y` `` → ['x y']. */
  | { kind: 'field'; path: string[]; span: Span }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span: Span }
  /** `x in (a, b)`; `x not in (a, b)` has negated = true. */
  | { kind: 'in'; operand: Expr; list: Expr[]; negated: boolean; span: Span }
  | { kind: 'call'; name: string; nameSpan: Span; args: Expr[]; span: Span }
  /** `x[i]`: an element of an array (negative: from the end) or a field of an object. */
  | { kind: 'index'; target: Expr; index: Expr; span: Span };

export interface Ident {
  name: string;
  span: Span;
}

export interface FieldRef {
  path: string[];
  span: Span;
}

/** A duration as written (`5m`) and its value. */
export interface Duration {
  ms: number;
  span: Span;
}

export type WindowAst =
  | { kind: 'tumbling'; size: Duration }
  | { kind: 'sliding'; size: Duration; every: Duration }
  | { kind: 'session'; gap: Duration }
  | { kind: 'global' }
  | { kind: 'count'; n: number; nSpan: Span };

export interface AggCall {
  /** Function name as written, e.g. `p95`, `count_distinct`. */
  fn: Ident;
  args: Expr[];
  /** `AS name`. */
  alias?: Ident;
  span: Span;
}

export type Stage =
  | { kind: 'format'; format: FormatName; pattern?: string; patternSpan?: Span; span: Span }
  | { kind: 'where'; expr: Expr; span: Span }
  | { kind: 'eval'; assignments: { name: Ident; expr: Expr }[]; span: Span }
  | { kind: 'select'; fields: FieldRef[]; span: Span }
  | { kind: 'drop'; fields: FieldRef[]; span: Span }
  | {
      kind: 'time';
      /** `time ingestion` / `time processing` instead of a field. */
      mode: 'event' | 'ingestion' | 'processing';
      field?: FieldRef;
      format?: { value: string; span: Span };
      lag?: Duration;
      idle?: Duration;
      span: Span;
    }
  | { kind: 'window'; window: WindowAst; span: Span }
  | { kind: 'aggregate'; aggs: AggCall[]; by: FieldRef[]; span: Span }
  | { kind: 'emit'; every: Duration; span: Span }
  | { kind: 'limit'; n: number; nSpan: Span; span: Span }
  /** `top N [by F, ...] [order by EXPR [asc|desc]]`; `sort EXPR [asc|desc], ...` is one with no N and no `by`. */
  | DedupeStage
  | ParseStage
  | { kind: 'order'; word: 'top' | 'sort'; n: number | null; nSpan: Span | null; by: FieldRef[]; keys: OrderKey[]; span: Span };

/**
 * `parse "PATTERN" [from F] as NAME, ...` (`*` captures, in order) and `regex "PATTERN" from F`
 * (named groups): fields from the text of a field of a record already decoded.
 */
export interface ParseStage {
  kind: 'parse';
  word: 'parse' | 'regex';
  pattern: string;
  patternSpan: Span;
  from: FieldRef | null;
  names: Ident[];
  span: Span;
}

/** See DedupeStep: `dedupe F, ... [within DUR]`. */
export interface DedupeStage {
  kind: 'dedupe';
  fields: FieldRef[];
  within: Duration | null;
  span: Span;
}

/** One key of `order by` / `sort`: largest first with `desc`. */
export interface OrderKey {
  expr: Expr;
  desc: boolean;
}

/** A value given in a YAML file for a run option, with where it was written. */
export interface OptionValue<T> {
  value: T;
  span: Span;
}

/**
 * Run options written in a YAML file (SPEC §3). Command-line options override them.
 * The query-string form has none of these (they come from the command line).
 */
export interface FileOptions {
  from?: OptionValue<string[]>;
  follow?: OptionValue<boolean>;
  to?: OptionValue<string>;
  output?: OptionValue<string>;
  stateDir?: OptionValue<string>;
  checkpointIntervalMs?: OptionValue<number>;
  parallelism?: OptionValue<number>;
  errors?: OptionValue<string>;
  maxErrors?: OptionValue<number>;
  late?: OptionValue<string>;
  exactlyOnce?: OptionValue<boolean>;
  /** `no_drain: true`: `--no-drain`. */
  noDrain?: OptionValue<boolean>;
  /** `s3: { endpoint: URL, poll: DURATION }`: `--s3-endpoint`, `--s3-poll`. */
  s3Endpoint?: OptionValue<string>;
  s3PollMs?: OptionValue<number>;
}

export interface PipelineAst {
  source: SourceFile;
  stages: Stage[];
  options: FileOptions;
}
