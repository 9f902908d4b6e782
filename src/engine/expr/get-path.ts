/**
 * Reading fields from records. A path `['http','status']` reads `rec["http.status"]` when the
 * record has that literal top-level key (logfmt and csv produce dotted keys), else `rec.http.status`
 * through nested objects. A numeric segment indexes an array (`tags.0`). Absent → `null`.
 */
import type { Rec, Value } from '../../common/record.js';

const hasOwn = Object.hasOwn;

/** Field names that a plain property read would find on Object.prototype (`constructor`, `__proto__`, ...). */
function inheritsName(name: string): boolean {
  return name in Object.prototype;
}

/** One step down: `v[seg]`, or undefined when v has no such own field. */
function step(v: Value | undefined, seg: string): Value | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) {
    const i = arrayIndex(seg);
    return i < 0 ? undefined : v[i];
  }
  return hasOwn(v, seg) ? v[seg] : undefined;
}

function arrayIndex(seg: string): number {
  if (seg.length === 0 || seg.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return seg.length > 1 && seg.charCodeAt(0) === 48 ? -1 : n;
}

/** Reads a field path from a record (uncompiled; see `compileGetPath` for the hot path). */
export function getPath(rec: Rec, path: readonly string[]): Value {
  if (path.length === 0) return rec;
  if (path.length > 1) {
    const dotted = path.join('.');
    if (hasOwn(rec, dotted)) return rec[dotted] ?? null;
  }
  let v: Value | undefined = rec;
  for (const seg of path) {
    v = step(v, seg);
    if (v === undefined) return null;
  }
  return v ?? null;
}

/** Compiles a field path once into a reader specialised for its length. */
export function compileGetPath(path: readonly string[]): (rec: Rec) => Value {
  if (path.length === 0) return (rec) => rec;
  if (path.length === 1) {
    const k = path[0]!;
    if (inheritsName(k)) return (rec) => (hasOwn(rec, k) ? (rec[k] ?? null) : null);
    // Records are JSON objects whose values are never undefined, so `?? null` only maps "absent".
    return (rec) => rec[k] ?? null;
  }
  const dotted = path.join('.');
  const segs = path.slice();
  if (segs.length === 2) {
    const [a, b] = segs as [string, string];
    return (rec) => {
      if (hasOwn(rec, dotted)) return rec[dotted] ?? null;
      const v = hasOwn(rec, a) ? rec[a] : undefined;
      return step(v, b) ?? null;
    };
  }
  return (rec) => {
    if (hasOwn(rec, dotted)) return rec[dotted] ?? null;
    let v: Value | undefined = rec;
    for (let i = 0; i < segs.length; i++) {
      v = step(v, segs[i]!);
      if (v === undefined) return null;
    }
    return v;
  };
}
