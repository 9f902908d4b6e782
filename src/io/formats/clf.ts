import type { Rec } from '../../common/record.js';
import { clfFieldBits, projectedRecord } from './clf-projected.js';
import { newClfSpans, scanClf } from './clf-scan.js';
import { dash, numeric, splitRequest, unescapeQuoted } from './clf-values.js';
import { DecodeError, type LineDecoder } from '../../engine/contracts/decoder.js';

// %h %l %u [%t] "%r" %>s %b ["%{Referer}i" "%{User-agent}i"] [anything else]
const QS = '"((?:[^"\\\\]|\\\\.)*)"';
/** The combined log format (the common one when the referer/user-agent pair is missing). */
export const CLF_REGEX = new RegExp(`^(\\S+) +(\\S+) +(\\S+) +\\[([^\\]]*)\\] +${QS} +(\\S+) +(\\S+)(?: +${QS} +${QS})?(.*)$`);

/**
 * `nginx` / `apache`: the combined log format, or the common one (then `referer` and
 * `user_agent` are null). Fields, in this order: `remote_addr, remote_user, time, method, path,
 * protocol, status, bytes, referer, user_agent`, plus `extra` (the rest of the line after the
 * user agent, trimmed) only when there is something there. `-` is null; `status` and `bytes` are
 * numbers; `time` stays as written (`10/Oct/2000:13:55:36 -0700`). `\"` and `\\` in quoted
 * fields are unescaped. A request line that is not `METHOD PATH PROTOCOL` keeps the raw text in
 * `path` with `method`/`protocol` null.
 *
 * With `fields` (projection push-down) only those of the fields above are built; the record
 * equals the full one with the other fields left out (same order), and a line is rejected
 * exactly when the full decode rejects it. The full decode matches `CLF_REGEX`; the projected
 * one uses `scanClf`, which finds the same groups without making strings of them (measured:
 * the regex is as fast as the scanner when every group is needed, slower when few are).
 */
export class ClfDecoder implements LineDecoder {
  private readonly spans = newClfSpans();
  private readonly want: number | null;

  constructor(
    readonly kind: 'nginx' | 'apache',
    fields: readonly string[] | null = null,
  ) {
    this.want = fields === null ? null : clfFieldBits(fields);
  }

  decode(line: string): Rec | undefined {
    if (this.want !== null) {
      if (scanClf(line, this.spans)) return projectedRecord(line, this.spans, this.want);
      return this.noMatch(line);
    }
    const m = CLF_REGEX.exec(line);
    if (m === null) return this.noMatch(line);
    const [method, path, protocol] = splitRequest(unescapeQuoted(m[5] as string));
    const rec: Rec = {
      remote_addr: dash(m[1] as string),
      remote_user: dash(m[3] as string),
      time: dash(m[4] as string),
      method,
      path,
      protocol,
      status: numeric(m[6] as string),
      bytes: numeric(m[7] as string),
      referer: m[8] === undefined ? null : dash(unescapeQuoted(m[8])),
      user_agent: m[9] === undefined ? null : dash(unescapeQuoted(m[9])),
    };
    const extra = (m[10] as string).trim();
    if (extra !== '') rec.extra = extra;
    return rec;
  }

  private noMatch(line: string): undefined {
    if (line.trim() === '') return undefined;
    throw new DecodeError(`line does not match the ${this.kind} combined log format`);
  }
}
