import { setField } from '../../../common/record.js';
import { compileUserRegex } from '../../../common/regex/user-regex.js';
import { textValue } from '../../../common/scalar.js';
import type { Step } from '../../../plan/types.js';
import { getPath } from '../../expr/compile.js';
import { statelessKind } from './stateless-kind.js';

/**
 * `parse "PATTERN" from F as ...` / `regex "PATTERN" from F`: the text of F (a number or boolean as
 * written) matched by the linear-time regex engine; its named groups become fields, numbers when
 * they look like numbers, null when a group took no part; a record that does not match is dropped.
 */
export const parseKind = statelessKind<Extract<Step, { op: 'parse' }>>(
  (step) => {
    const re = compileUserRegex(step.regex);
    const { from, fields } = step;
    return (rec) => {
      const v = getPath(rec, from);
      const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
      if (text === null) return null;
      const m = re.exec(text);
      if (m === null) return null;
      for (const f of fields) {
        const g = m.groups?.[f.group];
        setField(rec, f.name, g === undefined ? null : textValue(g));
      }
      return rec;
    };
  },
  (step) => `parse ${step.from.join('.')}`,
);
