/**
 * Rewrites a user pattern (JavaScript syntax, no flags) into one that V8's linear-time engine can
 * run and that matches exactly the same strings:
 *
 * - ignore-case (`(?i)`), which that engine lacks, becomes explicit alternatives: every cased
 *   character `a` becomes `[aA]` and every class gets the other cases of its members, with the
 *   equivalence JavaScript's `i` flag uses (ECMAScript Canonicalize without `u`);
 * - a counted repetition of one atom above 16 (the engine's limit), like `[0-9a-f]{32}` or
 *   `.{0,100}`, becomes a run of repetitions of at most 16 each (`[0-9a-f]{16}[0-9a-f]{16}`).
 *
 * Anything else is copied as written; what the engine still cannot run (backreferences,
 * lookaround, large repetitions of groups) is refused by the caller and reported with the
 * `found` flags.
 */

/** The engine's largest count for `{n}` / `{n,m}`. */
const ENGINE_MAX_COUNT = 16;
/** Larger counts are not split (the rewritten pattern would grow without bound). */
export const MAX_REPEAT = 1000;

export interface Rewritten {
  source: string;
  /** Constructs seen that no linear-time engine runs. */
  found: { backreference: boolean; lookaround: boolean };
}

let caseGroups: Map<number, number[]> | undefined;

/** ECMAScript's Canonicalize(ch) for a non-unicode, ignore-case pattern. */
function canonicalize(ch: number): number {
  const upper = String.fromCharCode(ch).toUpperCase();
  if (upper.length !== 1) return ch;
  const cu = upper.charCodeAt(0);
  return ch >= 128 && cu < 128 ? ch : cu;
}

/** The code units that match `ch` under the `i` flag, `ch` included. */
function sameCase(ch: number): number[] {
  if (!caseGroups) {
    caseGroups = new Map();
    for (let c = 0; c <= 0xffff; c++) {
      const k = canonicalize(c);
      const g = caseGroups.get(k);
      if (g) g.push(c);
      else caseGroups.set(k, [c]);
    }
  }
  return caseGroups.get(canonicalize(ch)) ?? [ch];
}

const unit = (c: number): string => `\\u${c.toString(16).padStart(4, '0')}`;

interface Escape {
  text: string;
  /** The one code unit it stands for, when it is a character (not `\d`, `\b`, ...). */
  char?: number;
  backreference?: boolean;
}

/** The escape at `p[i] === '\\'`; `inClass` reads `\b` as backspace. */
function readEscape(p: string, i: number, inClass: boolean): Escape {
  const e = p[i + 1];
  if (e === undefined) return { text: '\\' };
  const hex = (len: number): number | undefined => {
    const h = p.slice(i + 2, i + 2 + len);
    return h.length === len && /^[0-9a-fA-F]+$/.test(h) ? parseInt(h, 16) : undefined;
  };
  if ('dDwWsS'.includes(e)) return { text: `\\${e}` };
  if (e === 'b') return inClass ? { text: '\\b', char: 8 } : { text: '\\b' };
  if (e === 'B') return { text: '\\B' };
  if (e === 'x' && hex(2) !== undefined) return { text: p.slice(i, i + 4), char: hex(2)! };
  if (e === 'u' && hex(4) !== undefined) return { text: p.slice(i, i + 6), char: hex(4)! };
  if (e === 'c' && /[A-Za-z]/.test(p[i + 2] ?? '')) return { text: p.slice(i, i + 3), char: p.charCodeAt(i + 2) % 32 };
  if (/[1-9]/.test(e) && !inClass) {
    const digits = /^[0-9]+/.exec(p.slice(i + 1))![0];
    return { text: `\\${digits}`, backreference: true };
  }
  if (e === 'k' && !inClass) {
    const name = /^k<[^>]*>/.exec(p.slice(i + 1));
    return { text: `\\${name ? name[0] : 'k'}`, backreference: true };
  }
  const controls: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };
  if (e in controls && !(e === '0' && /[0-9]/.test(p[i + 2] ?? ''))) return { text: `\\${e}`, char: controls[e]! };
  return { text: `\\${e}`, char: e.charCodeAt(0) };
}

/** `[...]` at `p[i]`: its text with the other cases of its members added, and where it ends. */
function readClass(p: string, i: number, ignoreCase: boolean): { text: string; end: number } {
  let j = i + 1;
  const negated = p[j] === '^';
  if (negated) j++;
  const bodyStart = j;
  const chars: number[] = [];
  const ranges: [number, number][] = [];
  const atomAt = (k: number): { char?: number; next: number } => {
    if (p[k] !== '\\') return { char: p.charCodeAt(k), next: k + 1 };
    const esc = readEscape(p, k, true);
    return { char: esc.char, next: k + Math.max(1, esc.text.length) };
  };
  while (j < p.length && p[j] !== ']') {
    const a = atomAt(j);
    j = a.next;
    if (p[j] === '-' && j + 1 < p.length && p[j + 1] !== ']') {
      const b = atomAt(j + 1);
      j = b.next;
      // `x-y` is a range when both ends are characters; otherwise the dash is itself a member.
      if (a.char !== undefined && b.char !== undefined) ranges.push([a.char, b.char]);
      else for (const c of [a.char, 45, b.char]) if (c !== undefined) chars.push(c);
    } else if (a.char !== undefined) chars.push(a.char);
  }
  if (j >= p.length) return { text: p.slice(i), end: p.length };
  const body = p.slice(bodyStart, j);
  const extra = new Set<number>();
  if (ignoreCase) {
    for (const ch of chars) for (const c of sameCase(ch)) if (c !== ch) extra.add(c);
    for (const [lo, hi] of ranges) {
      for (let c = lo; c <= hi; c++) for (const d of sameCase(c)) if (d < lo || d > hi) extra.add(d);
    }
  }
  return { text: `[${negated ? '^' : ''}${body}${[...extra].map(unit).join('')}]`, end: j + 1 };
}

function repeat(atom: string, min: number, max: number, lazy: string): string {
  let out = '';
  for (let rest = min; rest > 0; rest -= ENGINE_MAX_COUNT) out += `${atom}{${Math.min(ENGINE_MAX_COUNT, rest)}}`;
  if (max === Infinity) return `${out}${atom}*${lazy}`;
  for (let rest = max - min; rest > 0; rest -= ENGINE_MAX_COUNT) out += `${atom}{0,${Math.min(ENGINE_MAX_COUNT, rest)}}${lazy}`;
  return out;
}

export function rewriteForLinearEngine(pattern: string, ignoreCase: boolean): Rewritten {
  const found = { backreference: false, lookaround: false };
  const out: string[] = [];
  /** Index in `out` of the last single atom (a character, escape, class or `.`), else -1. */
  let atom = -1;
  const p = pattern;
  let i = 0;
  const literal = (c: number, text: string): void => {
    const cases = ignoreCase ? sameCase(c) : [c];
    out.push(cases.length > 1 ? `[${cases.map(unit).join('')}]` : text);
    atom = out.length - 1;
  };
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const esc = readEscape(p, i, false);
      i += Math.max(1, esc.text.length);
      if (esc.backreference) found.backreference = true;
      if (esc.char !== undefined) literal(esc.char, esc.text);
      else {
        out.push(esc.text);
        atom = esc.text === '\\b' || esc.text === '\\B' || esc.backreference ? -1 : out.length - 1;
      }
    } else if (c === '[') {
      const cls = readClass(p, i, ignoreCase);
      out.push(cls.text);
      atom = out.length - 1;
      i = cls.end;
    } else if (c === '(') {
      const head = /^\((?:\?<(?![=!])[^>]*>|\?<?[=!]|\?:)?/.exec(p.slice(i))![0];
      if (/^\(\?<?[=!]/.test(head)) found.lookaround = true;
      out.push(head);
      atom = -1;
      i += head.length;
    } else if (c === '{') {
      const q = /^\{(\d+)(,(\d*))?\}(\??)/.exec(p.slice(i));
      const min = q ? Number(q[1]) : 0;
      const max = q ? (q[2] === undefined ? min : q[3] === '' ? Infinity : Number(q[3])) : 0;
      const big = min > ENGINE_MAX_COUNT || (max !== Infinity && max > ENGINE_MAX_COUNT);
      if (q && atom === out.length - 1 && atom >= 0 && big && min <= MAX_REPEAT && max >= min && (max === Infinity || max <= MAX_REPEAT)) {
        out[atom] = repeat(`(?:${out[atom]})`, min, max, q[4]!);
        atom = -1;
        i += q[0].length;
      } else if (q) {
        out.push(q[0]);
        atom = -1;
        i += q[0].length;
      } else {
        literal(c.charCodeAt(0), c);
        i++;
      }
    } else if ('|)^$*+?'.includes(c)) {
      out.push(c);
      atom = -1;
      i++;
    } else if (c === '.') {
      out.push(c);
      atom = out.length - 1;
      i++;
    } else {
      literal(p.charCodeAt(i), c);
      i++;
    }
  }
  return { source: out.join(''), found };
}
