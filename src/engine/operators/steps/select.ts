import { setField, type Rec } from '../../../common/record.js';
import type { Step } from '../../../plan/types.js';
import { readField } from './field-paths.js';
import { statelessKind } from './stateless-kind.js';

/** `select F, ...`: keeps only these fields, named after their last path segment. */
export const selectKind = statelessKind<Extract<Step, { op: 'select' }>>(
  (step) => {
    const paths = step.fields;
    const names = paths.map((p) => p[p.length - 1]!);
    return (rec) => {
      const out: Rec = {};
      for (let i = 0; i < paths.length; i++) {
        const v = readField(rec, paths[i]!);
        if (v !== undefined) setField(out, names[i]!, v);
      }
      return out;
    };
  },
  () => 'select',
);
