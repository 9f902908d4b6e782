import { createHash } from 'node:crypto';
import { jsonText } from '../../../engine/json-text.js';
import type { Value } from '../../../engine/record.js';

/** Longest path segment made from a value, in UTF-16 units; longer ones are cut and hashed. */
const MAX_SEGMENT = 200;

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
 * percent-encoded, an empty one is `_`, and one longer than 200 characters is cut and given a
 * hash of the whole (file systems refuse names over 255 bytes).
 */
export function safeSegment(seg: string): string {
  if (seg === '') return '_';
  if (seg === '.' || seg === '..') return seg.replace(/\./g, '%2E');
  if (seg.length > MAX_SEGMENT) {
    const hash = createHash('sha1').update(seg).digest('hex').slice(0, 12);
    return `${seg.slice(0, MAX_SEGMENT - 13)}~${hash}`;
  }
  return seg;
}
