import { setField } from '../../../common/record.js';
import type { Step } from '../../../plan/types.js';
import { compileExpr } from '../../expr/compile.js';
import { statelessKind } from './stateless-kind.js';

/** `eval NAME = EXPR, ...`: adds or replaces fields (expressions compiled once). */
export const evalKind = statelessKind<Extract<Step, { op: 'eval' }>>(
  (step) => {
    const names = step.assign.map((a) => a.name);
    const fns = step.assign.map((a) => compileExpr(a.expr));
    return (rec) => {
      for (let i = 0; i < fns.length; i++) setField(rec, names[i]!, fns[i]!(rec));
      return rec;
    };
  },
  () => 'eval',
);
