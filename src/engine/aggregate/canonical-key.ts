import type { Value } from '../../common/record.js';

/**
 * The identity of a value for `count_distinct`: a string tagged with the value's JSON type, so
 * distinctness is JSON equality — `1` and `"1"` are two values (as in jq's `unique`), `1` and
 * `1.0` are one, `-0` and `0` are one, objects are equal when their fields are (key order does
 * not matter), and each number that is not finite is a value of its own. Tags: `s` string,
 * `n` number, `t`/`f` booleans, `j` arrays and objects. `count_distinct` keeps the 64-bit hash of
 * this identity (`hashValue64`, which hashes the value without building the key); its earlier
 * checkpoints hold the keys themselves (`hashCanonicalKey64` reads them).
 */
export function canonicalKey(value: Value): string {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return 'n' + (value === 0 ? '0' : String(value));
    case 'boolean':
      return value ? 't' : 'f';
    default:
      return 'j' + canonicalJson(value);
  }
}

/**
 * JSON with object keys sorted, so equal objects give equal text; a number that is not finite is
 * its bare name (`Infinity`, which JSON text never holds outside a string).
 */
export function canonicalJson(value: Value): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number') return value === 0 ? '0' : String(value);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k] ?? null)).join(',') + '}';
}
