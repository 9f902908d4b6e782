import type { Step } from '../../../plan/types.js';
import { dropField } from './field-paths.js';
import { statelessKind } from './stateless-kind.js';

/** `drop F, ...`: removes these fields. */
export const dropKind = statelessKind<Extract<Step, { op: 'drop' }>>(
  (step) => {
    const paths = step.fields;
    return (rec) => {
      for (const p of paths) dropField(rec, p);
      return rec;
    };
  },
  () => 'drop',
);
