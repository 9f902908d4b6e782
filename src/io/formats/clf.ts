import type { Rec, Value } from '../../engine/record.js';
import { DecodeError, type LineDecoder } from './decoder.js';
import { parseNumber } from './scalar.js';

// %h %l %u [%t] "%r" %>s %b ["%{Referer}i" "%{User-agent}i"] [anything else]
const QS = '"((?:[^"\\\\]|\\\\.)*)"';
const CLF = new RegExp(
  `^(\\S+) +(\\S+) +(\\S+) +\\[([^\\]]*)\\] +${QS} +(\\S+) +(\\S+)(?: +${QS} +${QS})?(.*)$`,
);
const METHOD = /^[A-Z]+$/;
const ESCAPED = /\\(["\\])/g;

/**
 * `nginx` / `apache`: the combined log format, or the common one (then `referer` and
 * `user_agent` are null). Fields, in this order: `remote_addr, remote_user, time, method, path,
 * protocol, status, bytes, referer, user_agent`, plus `extra` (the rest of the line after the
 * user agent, trimmed) only when there is something there. `-` is null; `status` and `bytes` are
 * numbers; `time` stays as written (`10/Oct/2000:13:55:36 -0700`). `\"` and `\\` in quoted
 * fields are unescaped. A request line that is not `METHOD PATH PROTOCOL` keeps the raw text in
 * `path` with `method`/`protocol` null.
 */
export class ClfDecoder implements LineDecoder {
  constructor(readonly kind: 'nginx' | 'apache') {}

  decode(line: string): Rec | undefined {
    const m = CLF.exec(line);
    if (m === null) {
      if (line.trim() === '') return undefined;
      throw new DecodeError(`line does not match the ${this.kind} combined log format`);
    }
    const [method, path, protocol] = splitRequest(unescape(m[5] as string));
    const rec: Rec = {
      remote_addr: dash(m[1] as string),
      remote_user: dash(m[3] as string),
      time: dash(m[4] as string),
      method,
      path,
      protocol,
      status: numeric(m[6] as string),
      bytes: numeric(m[7] as string),
      referer: m[8] === undefined ? null : dash(unescape(m[8])),
      user_agent: m[9] === undefined ? null : dash(unescape(m[9])),
    };
    const extra = (m[10] as string).trim();
    if (extra !== '') rec.extra = extra;
    return rec;
  }
}

function dash(s: string): string | null {
  return s === '-' || s === '' ? null : s;
}

function numeric(s: string): Value {
  if (s === '-') return null;
  const n = parseNumber(s);
  return n === undefined ? s : n;
}

function splitRequest(req: string): [string | null, string | null, string | null] {
  if (req === '-' || req === '') return [null, null, null];
  const a = req.indexOf(' ');
  const b = req.lastIndexOf(' ');
  if (a > 0 && b > a && req.startsWith('HTTP/', b + 1)) {
    return [req.slice(0, a), req.slice(a + 1, b), req.slice(b + 1)];
  }
  if (a > 0 && a === b && METHOD.test(req.slice(0, a))) return [req.slice(0, a), req.slice(a + 1), null];
  return [null, req, null];
}

function unescape(s: string): string {
  return s.indexOf('\\') < 0 ? s : s.replace(ESCAPED, '$1');
}
