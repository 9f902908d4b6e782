import type { Rec } from '../../common/record.js';
import { G_ADDR, G_AGENT, G_BYTES, G_REFERER, G_REQUEST, G_REST, G_STATUS, G_TIME, G_USER, type ClfSpans } from './clf-scan.js';
import { dash, numeric, splitRequest, unescapeQuoted } from './clf-values.js';

/** The nginx/apache record's fields, in order (`extra` only when there is something after the user agent). */
export const CLF_FIELDS = ['remote_addr', 'remote_user', 'time', 'method', 'path', 'protocol', 'status', 'bytes', 'referer', 'user_agent', 'extra'] as const;

const bit = (name: (typeof CLF_FIELDS)[number]): number => 1 << CLF_FIELDS.indexOf(name);
const ADDR = bit('remote_addr');
const USER = bit('remote_user');
const TIME = bit('time');
const METHOD = bit('method');
const PATH = bit('path');
const PROTOCOL = bit('protocol');
const REQUEST = METHOD | PATH | PROTOCOL;
const STATUS = bit('status');
const BYTES = bit('bytes');
const REFERER = bit('referer');
const AGENT = bit('user_agent');
const EXTRA = bit('extra');

/** The bit set of `fields` (names that are not record fields are ignored) for `projectedRecord`. */
export function clfFieldBits(fields: readonly string[]): number {
  return CLF_FIELDS.reduce((bits, name, i) => (fields.includes(name) ? bits | (1 << i) : bits), 0);
}

/**
 * The fields whose bits are set in `want`, from a line matched by `scanClf`: the same values and
 * order as the full record, with the other fields left out (and `extra` only when non-empty).
 */
export function projectedRecord(line: string, s: ClfSpans, want: number): Rec {
  const rec: Rec = {};
  if (want & ADDR) rec.remote_addr = dash(text(line, s, G_ADDR));
  if (want & USER) rec.remote_user = dash(text(line, s, G_USER));
  if (want & TIME) rec.time = dash(text(line, s, G_TIME));
  if (want & REQUEST) {
    const [method, path, protocol] = splitRequest(unescapeQuoted(text(line, s, G_REQUEST)));
    if (want & METHOD) rec.method = method;
    if (want & PATH) rec.path = path;
    if (want & PROTOCOL) rec.protocol = protocol;
  }
  if (want & STATUS) rec.status = numeric(text(line, s, G_STATUS));
  if (want & BYTES) rec.bytes = numeric(text(line, s, G_BYTES));
  if (want & REFERER) rec.referer = s[2 * G_REFERER] === -1 ? null : dash(unescapeQuoted(text(line, s, G_REFERER)));
  if (want & AGENT) rec.user_agent = s[2 * G_AGENT] === -1 ? null : dash(unescapeQuoted(text(line, s, G_AGENT)));
  if (want & EXTRA) {
    const extra = text(line, s, G_REST).trim();
    if (extra !== '') rec.extra = extra;
  }
  return rec;
}

function text(line: string, s: ClfSpans, g: number): string {
  return line.slice(s[2 * g] as number, s[2 * g + 1] as number);
}
