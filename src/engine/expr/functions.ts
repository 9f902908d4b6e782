/**
 * The built-in functions of the expression language (SPEC §2). Each one is built once from its
 * compiled arguments into a closure. `null` in → `null` out, except for the predicates
 * (`contains`, `starts_with`, `ends_with`), which answer `false`, and `coalesce` / `if`.
 */
import { jsonText } from '../../common/json-text.js';
import { toNumber, truthy, valuesEqual } from './values.js';
import { moreFunctions } from './more-functions.js';
import { asText, type FnDef } from './fn-def.js';

export type { Compiled } from './fn-def.js';

function numOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function unaryNum(f: (x: number) => number): FnDef {
  return {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([a]) =>
      (rec) =>
        numOrNull(f(toNumber(a!(rec)))),
  };
}

function stringTest(test: (s: string, t: string) => boolean): FnDef {
  return {
    minArgs: 2,
    maxArgs: 2,
    build:
      ([a, b]) =>
      (rec) => {
        const s = asText(a!(rec));
        if (s === null) return false;
        const t = asText(b!(rec));
        return t !== null && test(s, t);
      },
  };
}

/** Half away from zero (`round(-2.5) == -3`), as users of SQL and spreadsheets expect. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * Rounds to `digits` decimal places by shifting the decimal exponent in text, so that
 * `round(1.005, 2)` is 1.01 (multiplying by 100 would give 100.49999...).
 */
function roundDigits(x: number, digits: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(digits)) return NaN;
  const d = Math.max(-20, Math.min(20, Math.trunc(digits)));
  if (d === 0) return roundHalfAway(x);
  const text = String(x);
  if (text.includes('e')) {
    const f = 10 ** d;
    return roundHalfAway(x * f) / f;
  }
  return Number(`${roundHalfAway(Number(`${text}e${d}`))}e${-d}`);
}

const defs: Record<string, FnDef> = {
  lower: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([a]) =>
      (rec) =>
        asText(a!(rec))?.toLowerCase() ?? null,
  },
  upper: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([a]) =>
      (rec) =>
        asText(a!(rec))?.toUpperCase() ?? null,
  },
  len: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([a]) =>
      (rec) => {
        const v = a!(rec);
        if (typeof v === 'string' || Array.isArray(v)) return v.length;
        if (v !== null && typeof v === 'object') return Object.keys(v).length;
        return null;
      },
  },
  contains: {
    minArgs: 2,
    maxArgs: 2,
    build:
      ([a, b]) =>
      (rec) => {
        const h = a!(rec);
        const n = b!(rec);
        if (n === null) return false;
        if (Array.isArray(h)) {
          for (const e of h) if (e !== null && valuesEqual(e, n)) return true;
          return false;
        }
        const s = asText(h);
        const t = asText(n);
        return s !== null && t !== null && s.includes(t);
      },
  },
  starts_with: stringTest((s, t) => s.startsWith(t)),
  ends_with: stringTest((s, t) => s.endsWith(t)),
  round: {
    minArgs: 1,
    maxArgs: 2,
    build: ([a, b]) =>
      b === undefined ? (rec) => numOrNull(roundHalfAway(toNumber(a!(rec)))) : (rec) => numOrNull(roundDigits(toNumber(a!(rec)), toNumber(b(rec)))),
  },
  floor: unaryNum(Math.floor),
  ceil: unaryNum(Math.ceil),
  int: unaryNum(Math.trunc),
  float: unaryNum((x) => x),
  str: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([a]) =>
      (rec) => {
        const v = a!(rec);
        if (v === null) return null;
        return typeof v === 'object' ? jsonText(v) : String(v);
      },
  },
  coalesce: {
    minArgs: 1,
    maxArgs: Infinity,
    build: (args) => (rec) => {
      for (let i = 0; i < args.length; i++) {
        const v = args[i]!(rec);
        if (v !== null) return v;
      }
      return null;
    },
  },
  if: {
    minArgs: 3,
    maxArgs: 3,
    build:
      ([c, t, f]) =>
      (rec) =>
        truthy(c!(rec)) ? t!(rec) : f!(rec),
  },
};

Object.assign(defs, moreFunctions);

/** Name → accepted number of arguments, for the checker. */
export const FUNCTION_ARITY: ReadonlyMap<string, { minArgs: number; maxArgs: number }> = new Map(
  Object.entries(defs).map(([name, d]) => [name, { minArgs: d.minArgs, maxArgs: d.maxArgs }]),
);

/** The definition of a built-in, or undefined for an unknown name. */
export function lookupFunction(name: string): FnDef | undefined {
  return Object.hasOwn(defs, name) ? defs[name] : undefined;
}
