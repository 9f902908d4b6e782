import type { Rec, Value } from '../../../common/record.js';
import { getPath } from '../../expr/compile.js';

/** The value at `path` (a dotted key written as one wins), or undefined when absent. */
export function readField(rec: Rec, path: string[]): Value | undefined {
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

/** Removes the field at `path` (a dotted key written as one wins). */
export function dropField(rec: Rec, path: string[]): void {
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
