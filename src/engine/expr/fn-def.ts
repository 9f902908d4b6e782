import type { Rec, Value } from '../../common/record.js';

export type Compiled = (rec: Rec) => Value;

/** A built-in function: its arity, and how it is built once from its compiled arguments. */
export interface FnDef {
  minArgs: number;
  maxArgs: number;
  build(args: Compiled[]): Compiled;
}

/** A string view of a scalar for the string functions: numbers and booleans as written; else null. */
export function asText(v: Value): string | null {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'boolean':
      return String(v);
    default:
      return null;
  }
}
