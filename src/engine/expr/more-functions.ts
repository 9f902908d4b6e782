/**
 * String, time, JSON and network functions of the expression language (see functions.ts for
 * the conventions: `null` in → `null` out). Regex arguments go through the same linear-time
 * engine as `=~`; a literal pattern is checked (and located) when the pipeline is compiled.
 */
import { BlockList, isIP } from 'node:net';
import { jsonText } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';
import { formatIso } from '../../common/time/format-iso.js';
import { formatStrftime } from '../../common/time/strftime.js';
import { createTimestampParser } from '../../common/time/timestamp-parser.js';
import { createRegexCache } from './regex.js';
import { toNumber } from './values.js';
import { asText, type FnDef } from './fn-def.js';

/** A time argument: ISO-8601 text or epoch seconds / milliseconds (as `--time` reads them). */
function timeArg(): (v: Value) => number | null {
  const parse = createTimestampParser();
  return (v) => parse(v);
}

/** `re` with the `g` flag, for replace-all (a new object: the cached one keeps no state). */
function globalOf(re: RegExp): RegExp {
  return new RegExp(re.source, `${re.flags}g`);
}

/** A one-argument function of a time's UTC calendar fields. */
function timePart(part: (d: Date) => number): FnDef {
  return {
    minArgs: 1,
    maxArgs: 1,
    build: ([t]) => {
      const time = timeArg();
      return (rec) => {
        const ms = time(t!(rec));
        return ms === null ? null : part(new Date(ms));
      };
    },
  };
}

const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: DAY };

export const moreFunctions: Record<string, FnDef> = {
  replace: {
    minArgs: 3,
    maxArgs: 3,
    build: ([s, p, r]) => {
      const regexFor = createRegexCache();
      const globals = new WeakMap<RegExp, RegExp>();
      return (rec) => {
        const str = asText(s!(rec));
        const pattern = p!(rec);
        const repl = asText(r!(rec));
        if (str === null || typeof pattern !== 'string' || repl === null) return null;
        const re = regexFor(pattern);
        if (re === null) return null;
        let g = globals.get(re);
        if (g === undefined) {
          g = globalOf(re);
          globals.set(re, g);
        }
        return str.replace(g, repl);
      };
    },
  },
  extract: {
    minArgs: 2,
    maxArgs: 3,
    build: ([s, p, g]) => {
      const regexFor = createRegexCache();
      return (rec) => {
        const str = asText(s!(rec));
        const pattern = p!(rec);
        if (str === null || typeof pattern !== 'string') return null;
        const re = regexFor(pattern);
        const m = re === null ? null : re.exec(str);
        if (m === null) return null;
        const group = g === undefined ? (m.length > 1 ? 1 : 0) : g(rec);
        const v = typeof group === 'number' ? m[group] : typeof group === 'string' ? m.groups?.[group] : undefined;
        return v ?? null;
      };
    },
  },
  split: {
    minArgs: 2,
    maxArgs: 2,
    build:
      ([s, sep]) =>
      (rec) => {
        const str = asText(s!(rec));
        const by = asText(sep!(rec));
        return str === null || by === null ? null : str.split(by);
      },
  },
  substr: {
    minArgs: 2,
    maxArgs: 3,
    build:
      ([s, start, len]) =>
      (rec) => {
        const str = asText(s!(rec));
        const from = toNumber(start!(rec));
        if (str === null || !Number.isInteger(from)) return null;
        const chars = [...str];
        const begin = from < 0 ? Math.max(0, chars.length + from) : from;
        if (len === undefined) return chars.slice(begin).join('');
        const n = toNumber(len(rec));
        return Number.isInteger(n) && n >= 0 ? chars.slice(begin, begin + n).join('') : null;
      },
  },
  trim: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([s]) =>
      (rec) =>
        asText(s!(rec))?.trim() ?? null,
  },
  concat: {
    minArgs: 1,
    maxArgs: Infinity,
    build: (args) => (rec) => {
      let out = '';
      for (const a of args) {
        const v = a(rec);
        if (v === null) continue;
        out += typeof v === 'object' ? jsonText(v) : String(v);
      }
      return out;
    },
  },
  strftime: {
    minArgs: 2,
    maxArgs: 2,
    build: ([t, f]) => {
      const time = timeArg();
      return (rec) => {
        const ms = time(t!(rec));
        const fmt = f!(rec);
        if (ms === null || typeof fmt !== 'string') return null;
        try {
          return formatStrftime(ms, fmt);
        } catch {
          return null;
        }
      };
    },
  },
  date_trunc: {
    minArgs: 2,
    maxArgs: 2,
    build: ([u, t]) => {
      const time = timeArg();
      return (rec) => {
        const unit = u!(rec);
        const ms = time(t!(rec));
        if (ms === null || typeof unit !== 'string') return null;
        const step = UNIT_MS[unit];
        if (step !== undefined) return formatIso(Math.floor(ms / step) * step);
        const d = new Date(ms);
        if (unit === 'week') {
          // ISO weeks start on Monday.
          const day = Math.floor(ms / DAY) * DAY;
          return formatIso(day - ((d.getUTCDay() + 6) % 7) * DAY);
        }
        if (unit === 'month') return formatIso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
        if (unit === 'year') return formatIso(Date.UTC(d.getUTCFullYear(), 0, 1));
        return null;
      };
    },
  },
  hour: timePart((d) => d.getUTCHours()),
  day_of_week: timePart((d) => d.getUTCDay()),
  now: {
    minArgs: 0,
    maxArgs: 0,
    build: () => () => formatIso(Date.now()),
  },
  parse_json: {
    minArgs: 1,
    maxArgs: 1,
    build:
      ([s]) =>
      (rec) => {
        const v = s!(rec);
        if (typeof v !== 'string') return null;
        try {
          return JSON.parse(v) as Value;
        } catch {
          return null;
        }
      },
  },
  ip_in_cidr: {
    minArgs: 2,
    maxArgs: 2,
    build: ([ip, cidr]) => {
      const lists = new Map<string, { list: BlockList; family: 'ipv4' | 'ipv6' } | null>();
      const listFor = (c: string) => {
        let l = lists.get(c);
        if (l === undefined) {
          const [net, bits] = c.split('/');
          const kind = net === undefined ? 0 : isIP(net);
          const prefix = bits === undefined ? (kind === 6 ? 128 : 32) : Number(bits);
          if (kind === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (kind === 6 ? 128 : 32)) l = null;
          else {
            const family = kind === 6 ? 'ipv6' : 'ipv4';
            const list = new BlockList();
            list.addSubnet(net!, prefix, family);
            l = { list, family };
          }
          if (lists.size > 256) lists.clear();
          lists.set(c, l);
        }
        return l;
      };
      return (rec) => {
        const addr = ip!(rec);
        const c = cidr!(rec);
        if (typeof addr !== 'string' || typeof c !== 'string') return null;
        const l = listFor(c);
        const kind = isIP(addr);
        if (l === null || kind === 0) return null;
        return (kind === 6 ? 'ipv6' : 'ipv4') === l.family && l.list.check(addr, l.family);
      };
    },
  },
};
