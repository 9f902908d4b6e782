/**
 * A hand-written matcher for the combined log format, equivalent to `CLF_REGEX` (clf.ts):
 *
 *     ^(\S+) +(\S+) +(\S+) +\[([^\]]*)\] +"(Q)" +(\S+) +(\S+)(?: +"(Q)" +"(Q)")?(.*)$
 *     where Q = (?:[^"\\]|\\.)*
 *
 * (JS semantics, no flags: `\S` is anything but JS whitespace, ` +` is spaces only, `.` is
 * anything but a line terminator). That pattern never needs to backtrack into an earlier group:
 * each `\S+` is followed by a space or an end, each `Q` ends at the first unescaped quote, and
 * the only choice is whether the optional referer/user-agent pair matches. So one left-to-right
 * pass finds the same match, or none.
 */

const SPACE = 32;
const QUOTE = 34;
const OPEN = 91; // [

/** Capture indexes into `ClfSpans`: group g spans [spans[2g], spans[2g + 1]). */
export const G_ADDR = 0;
export const G_IDENT = 1;
export const G_USER = 2;
export const G_TIME = 3;
export const G_REQUEST = 4;
export const G_STATUS = 5;
export const G_BYTES = 6;
export const G_REFERER = 7;
export const G_AGENT = 8;
export const G_REST = 9;

/** Start/end offsets of the 10 groups; the referer and user-agent starts are -1 when absent. */
export type ClfSpans = Int32Array;

export function newClfSpans(): ClfSpans {
  return new Int32Array(20);
}

/** True when `line` matches (filling `spans`), false when it does not. */
export function scanClf(line: string, spans: ClfSpans): boolean {
  const n = line.length;
  // Without a backslash in the line, a quoted field simply ends at the next quote.
  const plain = line.indexOf('\\') < 0;
  let i = 0;
  // remote_addr, ident, remote_user: \S+ then one or more spaces
  for (let g = G_ADDR; g <= G_USER; g++) {
    const start = i;
    i = nonSpaceEnd(line, i);
    if (i === start) return false;
    spans[2 * g] = start;
    spans[2 * g + 1] = i;
    const after = spacesEnd(line, i);
    if (after === i) return false;
    i = after;
  }
  // [time]
  if (line.charCodeAt(i) !== OPEN) return false;
  const close = line.indexOf(']', i + 1);
  if (close < 0) return false;
  spans[2 * G_TIME] = i + 1;
  spans[2 * G_TIME + 1] = close;
  i = spacesEnd(line, close + 1);
  if (i === close + 1) return false;
  // "request"
  if (line.charCodeAt(i) !== QUOTE) return false;
  const reqEnd = quotedEnd(line, i + 1, plain);
  if (reqEnd < 0) return false;
  spans[2 * G_REQUEST] = i + 1;
  spans[2 * G_REQUEST + 1] = reqEnd;
  i = spacesEnd(line, reqEnd + 1);
  if (i === reqEnd + 1) return false;
  // status, bytes
  const statusEnd = nonSpaceEnd(line, i);
  if (statusEnd === i) return false;
  spans[2 * G_STATUS] = i;
  spans[2 * G_STATUS + 1] = statusEnd;
  i = spacesEnd(line, statusEnd);
  if (i === statusEnd) return false;
  const bytesEnd = nonSpaceEnd(line, i);
  if (bytesEnd === i) return false;
  spans[2 * G_BYTES] = i;
  spans[2 * G_BYTES + 1] = bytesEnd;
  // (?: +"referer" +"user agent")? then the rest
  if (refererAndAgent(line, bytesEnd, spans, plain)) return true;
  if (!noLineTerminator(line, bytesEnd, n)) return false;
  spans[2 * G_REFERER] = -1;
  spans[2 * G_AGENT] = -1;
  spans[2 * G_REST] = bytesEnd;
  spans[2 * G_REST + 1] = n;
  return true;
}

/** The optional group and `(.*)$` after it; fills the spans only when both match. */
function refererAndAgent(line: string, from: number, spans: ClfSpans, plain: boolean): boolean {
  let i = spacesEnd(line, from);
  if (i === from || line.charCodeAt(i) !== QUOTE) return false;
  const refEnd = quotedEnd(line, i + 1, plain);
  if (refEnd < 0) return false;
  const refStart = i + 1;
  i = spacesEnd(line, refEnd + 1);
  if (i === refEnd + 1 || line.charCodeAt(i) !== QUOTE) return false;
  const uaEnd = quotedEnd(line, i + 1, plain);
  if (uaEnd < 0 || !noLineTerminator(line, uaEnd + 1, line.length)) return false;
  spans[2 * G_REFERER] = refStart;
  spans[2 * G_REFERER + 1] = refEnd;
  spans[2 * G_AGENT] = i + 1;
  spans[2 * G_AGENT + 1] = uaEnd;
  spans[2 * G_REST] = uaEnd + 1;
  spans[2 * G_REST + 1] = line.length;
  return true;
}

/**
 * Index of the quote closing `"(?:[^"\\]|\\.)*"` whose content starts at `from`, or -1.
 * `plain`: the line has no backslash at all.
 */
function quotedEnd(line: string, from: number, plain: boolean): number {
  if (plain) return line.indexOf('"', from);
  let i = from;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q < 0) return -1;
    const b = line.indexOf('\\', i);
    if (b < 0 || b > q) return q;
    // `\\.`: a backslash takes the next character unless it is a line terminator (or the end).
    if (b + 1 >= line.length || isLineTerminator(line.charCodeAt(b + 1))) return -1;
    i = b + 2;
  }
}

/** End of the run of non-whitespace (`\S`) characters starting at `i`. */
function nonSpaceEnd(line: string, i: number): number {
  const n = line.length;
  while (i < n && !isJsSpace(line.charCodeAt(i))) i++;
  return i;
}

/** End of the run of U+0020 spaces starting at `i`. */
function spacesEnd(line: string, i: number): number {
  const n = line.length;
  while (i < n && line.charCodeAt(i) === SPACE) i++;
  return i;
}

function noLineTerminator(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineTerminator(line.charCodeAt(i))) return false;
  return true;
}

function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** What `\s` matches in a JS regular expression: WhiteSpace and LineTerminator code units. */
export function isJsSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return (
    c === SPACE ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
