import type { Step } from '../../plan/types.js';
import { compileExpr, compilePredicate, getPath } from '../expr/compile.js';
import { setField, type Rec, type Value } from '../../common/record.js';

/** A stateless step lifted into a function: returns the record (possibly changed) or null to drop it. */
export type RecordFn = (rec: Rec) => Rec | null;

type StatelessStep = Extract<Step, { op: 'where' | 'eval' | 'select' | 'drop' }>;

export function isStateless(step: Step): step is StatelessStep {
  return step.op === 'where' || step.op === 'eval' || step.op === 'select' || step.op === 'drop';
}

/** Compiles one stateless step into a RecordFn (expressions compiled once, here). */
export function compileStep(step: StatelessStep): RecordFn {
  switch (step.op) {
    case 'where': {
      const test = compilePredicate(step.expr);
      return (rec) => (test(rec) ? rec : null);
    }
    case 'eval': {
      const names = step.assign.map((a) => a.name);
      const fns = step.assign.map((a) => compileExpr(a.expr));
      return (rec) => {
        for (let i = 0; i < fns.length; i++) setField(rec, names[i]!, fns[i]!(rec));
        return rec;
      };
    }
    case 'select': {
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
    }
    case 'drop': {
      const paths = step.fields;
      return (rec) => {
        for (const p of paths) dropField(rec, p);
        return rec;
      };
    }
  }
}

function readField(rec: Rec, path: string[]): Value | undefined {
  const dotted = path.join('.');
  if (dotted in rec) return rec[dotted];
  const v = getPath(rec, path);
  return v === null && !hasPath(rec, path) ? undefined : v;
}

function hasPath(rec: Rec, path: string[]): boolean {
  let cur: Value = rec;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(key in cur)) return false;
    cur = (cur as Rec)[key]!;
  }
  return true;
}

function dropField(rec: Rec, path: string[]): void {
  const dotted = path.join('.');
  if (dotted in rec) {
    delete rec[dotted];
    return;
  }
  let cur: Value = rec;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return;
    cur = (cur as Rec)[path[i]!] ?? null;
  }
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) delete (cur as Rec)[path[path.length - 1]!];
}
