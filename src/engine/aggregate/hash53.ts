import type { Value } from '../../common/record.js';
import { canonicalJson } from './canonical-key.js';

/*
 * A 53-bit hash of JSON values for HyperLogLog: two 32-bit lanes in the manner of MurmurHash3
 * (multiply–rotate block mixing with different constants per lane, lanes cross-added and
 * avalanched by fmix32 at the end), combined into an integer in [0, 2^53) so it fits exactly
 * in a double. Strings are hashed over their UTF-16 code units (no encoding step, no
 * allocation); numbers over their IEEE-754 bits in little-endian order (the same on every
 * machine); each JSON type starts from its own seed, so `1` and `"1"` hash apart.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;
const SEED_STRING = 0x2f1b5e3a;
const SEED_NUMBER = 0x7c3a91d5;
const SEED_BOOL = 0x51ed2701;
const SEED_JSON = 0x1d8e4e27;
const TWO_POW_21 = 0x200000;

// Lane state lives in module variables so that `block` needs no allocation or tuple return.
let h1 = 0;
let h2 = 0;

function start(seed: number): void {
  h1 = seed | 0;
  h2 = Math.imul(seed, 0x9e3779b1) ^ 0x6a09e667;
}

function block(k: number): void {
  let k1 = Math.imul(k, C1);
  k1 = (k1 << 15) | (k1 >>> 17);
  h1 ^= Math.imul(k1, C2);
  h1 = (h1 << 13) | (h1 >>> 19);
  h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  let k2 = Math.imul(k, C3);
  k2 = (k2 << 16) | (k2 >>> 16);
  h2 ^= Math.imul(k2, C4);
  h2 = (h2 << 17) | (h2 >>> 15);
  h2 = (Math.imul(h2, 5) + 0x38495ab5) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function finish(len: number): number {
  let a = h1 ^ len;
  let b = h2 ^ len;
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  return (a >>> 0) * TWO_POW_21 + (b >>> 11);
}

/** The 53-bit hash of a string's UTF-16 code units, from `seed`. */
export function hashString(s: string, seed = SEED_STRING): number {
  start(seed);
  const len = s.length;
  let i = 0;
  for (; i + 1 < len; i += 2) block(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < len) block(s.charCodeAt(i) | 0x10000);
  return finish(len);
}

const scratch = new DataView(new ArrayBuffer(8));

/** The 53-bit hash of a number's IEEE-754 bits (`-0` hashes as `0`). */
export function hashNumber(x: number): number {
  scratch.setFloat64(0, x === 0 ? 0 : x, true);
  start(SEED_NUMBER);
  block(scratch.getUint32(0, true));
  block(scratch.getUint32(4, true));
  return finish(8);
}

/** The 53-bit hash of a non-null JSON value; equal values (by `canonicalKey`) hash equal. */
export function hashValue(value: Value): number {
  switch (typeof value) {
    case 'string':
      return hashString(value);
    case 'number':
      return hashNumber(value);
    case 'boolean':
      start(SEED_BOOL);
      block(value ? 1 : 0);
      return finish(1);
    default:
      return hashString(canonicalJson(value), SEED_JSON);
  }
}
