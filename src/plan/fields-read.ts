/** Which top-level fields a plan reads from decoded records (for projection push-down). */
import type { PExpr, Step } from './types.js';

function exprFields(e: PExpr, use: (path: string[]) => void): void {
  switch (e.kind) {
    case 'field':
      return use(e.path);
    case 'literal':
      return;
    case 'unary':
      return exprFields(e.operand, use);
    case 'binary':
      exprFields(e.left, use);
      return exprFields(e.right, use);
    case 'in':
      exprFields(e.operand, use);
      for (const x of e.list) exprFields(x, use);
      return;
    case 'call':
      for (const x of e.args) exprFields(x, use);
      return;
    case 'index':
      exprFields(e.target, use);
      exprFields(e.index, use);
      return;
  }
}

/**
 * The sorted top-level names read before the records are narrowed (by `select` or the
 * aggregation), or null when whole records reach the output. Fields made by `eval` before they
 * are used are not read from the input.
 */
export function fieldsRead(steps: Step[]): string[] | null {
  const read = new Set<string>();
  const defined = new Set<string>();
  const use = (path: string[]): void => {
    if (!defined.has(path[0]!)) read.add(path[0]!);
  };
  const done = (): string[] => [...read].sort();
  for (const step of steps) {
    switch (step.op) {
      case 'timestamp':
        if (step.time.kind === 'event') use(step.time.field);
        break;
      case 'where':
        exprFields(step.expr, use);
        break;
      case 'eval':
        for (const a of step.assign) {
          exprFields(a.expr, use);
          defined.add(a.name);
        }
        break;
      case 'select':
        step.fields.forEach(use);
        return done();
      case 'aggregate':
        step.by.forEach(use);
        for (const a of step.aggs) if (a.arg) exprFields(a.arg, use);
        return done();
      case 'drop':
      case 'limit':
        break;
      case 'parse':
        use(step.from);
        for (const f of step.fields) defined.add(f.name);
        break;
      case 'dedupe':
        step.fields.forEach(use);
        break;
      case 'order':
        // Records are passed on whole (whatever fields they have), in another order.
        return null;
    }
  }
  return null;
}
