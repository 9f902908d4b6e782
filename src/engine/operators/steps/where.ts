import type { Step } from '../../../plan/types.js';
import { compilePredicate } from '../../expr/compile.js';
import { statelessKind } from './stateless-kind.js';

/** `where EXPR`: keeps the records for which EXPR is true. */
export const whereKind = statelessKind<Extract<Step, { op: 'where' }>>(
  (step) => {
    const test = compilePredicate(step.expr);
    return (rec) => (test(rec) ? rec : null);
  },
  () => 'where',
);
