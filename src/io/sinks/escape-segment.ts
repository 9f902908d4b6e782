import { createHash } from 'node:crypto';
import { jsonText } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';

/**
 * Longest path segment made from record data, in UTF-8 bytes: file systems refuse names over 255
 * bytes, and an in-progress file adds about 30 to its final file's name.
 */
const MAX_SEGMENT_BYTES = 200;
/** A short extension (`.ndjson`, `.csv`) kept when a long segment is shortened. */
const EXTENSION = /\.[A-Za-z0-9]{1,15}$/;
/**
 * A record value as text for a file path: it can never add a directory or leave one. `%`, `/`,
 * `\`, NUL and control characters are percent-encoded (so the mapping is one-to-one), `.` and
 * `..` become `%2E` and `%2E%2E`, and null, absent and empty values become `_`.
 */
export function escapeValue(v: Value | undefined): string {
  if (v === null || v === undefined) return '_';
  const text = typeof v === 'string' ? v : typeof v === 'object' ? jsonText(v) : String(v);
  if (text === '') return '_';
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[%/\\\u0000-\u001f\u007f]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  return safeSegment(escaped);
}

/**
 * A rendered path segment that holds record data, made safe on its own: `.` and `..` are
 * percent-encoded, an empty one is `_`, and one longer than 200 UTF-8 bytes is cut (at a character
 * boundary) and given `~` and a hash of the whole before its extension, so two values never share
 * a file and the name stays within the file system's limit.
 */
export function safeSegment(seg: string): string {
  if (seg === '') return '_';
  if (seg === '.' || seg === '..') return seg.replace(/\./g, '%2E');
  if (Buffer.byteLength(seg) <= MAX_SEGMENT_BYTES) return seg;
  const hash = createHash('sha1').update(seg).digest('hex').slice(0, 12);
  const ext = EXTENSION.exec(seg)?.[0] ?? '';
  const keep = utf8Prefix(seg.slice(0, seg.length - ext.length), MAX_SEGMENT_BYTES - ext.length - hash.length - 1);
  return `${keep}~${hash}${ext}`;
}

/** The longest prefix of `s` (whole characters) of at most `maxBytes` UTF-8 bytes. */
function utf8Prefix(s: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  return s.slice(0, end);
}
