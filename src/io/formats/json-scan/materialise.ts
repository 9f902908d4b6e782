import type { Value } from '../../../common/record.js';
import { HAS_ESCAPE } from './byte-scanner.js';

/** Node's per-encoding slicers behind `Buffer#toString`, skipping its argument handling. */
interface Slicers {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

const direct =
  typeof (Buffer.prototype as Partial<Slicers>).latin1Slice === 'function' && typeof (Buffer.prototype as Partial<Slicers>).utf8Slice === 'function';

/** `buf.toString('latin1', start, end)`. */
export function latin1(buf: Buffer, start: number, end: number): string {
  return direct ? (buf as Buffer & Slicers).latin1Slice(start, end) : buf.toString('latin1', start, end);
}

/** `buf.toString('utf8', start, end)`. */
export function utf8(buf: Buffer, start: number, end: number): string {
  return direct ? (buf as Buffer & Slicers).utf8Slice(start, end) : buf.toString('utf8', start, end);
}

/**
 * The value of a validated JSON string token `buf[open..close)` (`open` is the opening quote,
 * `close` the position just after the closing one), as `JSON.parse` of the whole line decoded as
 * UTF-8 gives it: invalid UTF-8 becomes U+FFFD the same way, because the quotes around the token
 * are ASCII, which ends any multi-byte sequence in both decodings.
 */
export function stringAt(buf: Buffer, open: number, close: number, flags: number): string {
  if (flags === 0) return latin1(buf, open + 1, close - 1);
  if ((flags & HAS_ESCAPE) === 0) return utf8(buf, open + 1, close - 1);
  return JSON.parse(utf8(buf, open, close)) as string;
}

/** An object or array value `buf[start..end)`, already validated by the scanner. */
export function compositeAt(buf: Buffer, start: number, end: number): Value {
  return JSON.parse(utf8(buf, start, end)) as Value;
}
