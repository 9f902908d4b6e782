import type { Value } from '../../common/record.js';
import { canonicalJson } from './canonical-key.js';

/*
 * A 64-bit hash of JSON values: two 32-bit lanes in the manner of MurmurHash3 (multiply–rotate
 * block mixing with different constants per lane, lanes cross-added and avalanched by fmix32 at
 * the end). HyperLogLog takes its top 53 bits as an integer in [0, 2^53), which fits exactly in
 * a double; `count_distinct` takes all 64 as two 32-bit halves. Strings are hashed over their
 * UTF-16 code units (no encoding step, no allocation); numbers over their IEEE-754 bits in
 * little-endian order (the same on every machine; every NaN hashes as one); each JSON type
 * starts from its own seed, so `1` and `"1"` hash apart.
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

// The two finished 32-bit halves (set by `mix`).
let hi = 0;
let lo = 0;

function mix(len: number): void {
  let a = h1 ^ len;
  let b = h2 ^ len;
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  hi = a >>> 0;
  lo = b >>> 0;
}

function finish(len: number): number {
  mix(len);
  return hi * TWO_POW_21 + (lo >>> 11);
}

/** Finishes into out[0] (high half) and out[1] (low half). */
function finish64(len: number, out: Uint32Array): void {
  mix(len);
  out[0] = hi;
  out[1] = lo;
}

function absorbString(s: string, seed: number): number {
  start(seed);
  const len = s.length;
  let i = 0;
  for (; i + 1 < len; i += 2) block(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  if (i < len) block(s.charCodeAt(i) | 0x10000);
  return len;
}

const scratch = new DataView(new ArrayBuffer(8));

function absorbNumber(x: number): number {
  start(SEED_NUMBER);
  if (x === x) {
    scratch.setFloat64(0, x === 0 ? 0 : x, true);
    block(scratch.getUint32(0, true));
    block(scratch.getUint32(4, true));
  } else {
    block(0); // the canonical quiet NaN's bits, 0x7ff8000000000000, in little-endian order
    block(0x7ff80000);
  }
  return 8;
}

function absorbBool(b: boolean): number {
  start(SEED_BOOL);
  block(b ? 1 : 0);
  return 1;
}

/** The 53-bit hash of a string's UTF-16 code units, from `seed`. */
export function hashString(s: string, seed = SEED_STRING): number {
  return finish(absorbString(s, seed));
}

/** The 53-bit hash of a number's IEEE-754 bits (`-0` hashes as `0`, every NaN as one). */
export function hashNumber(x: number): number {
  return finish(absorbNumber(x));
}

/** The 53-bit hash of a non-null JSON value; equal values (by `canonicalKey`) hash equal. */
export function hashValue(value: Value): number {
  switch (typeof value) {
    case 'string':
      return hashString(value);
    case 'number':
      return hashNumber(value);
    case 'boolean':
      return finish(absorbBool(value));
    default:
      return hashString(canonicalJson(value), SEED_JSON);
  }
}

/**
 * The 64-bit hash of a non-null JSON value into out[0] (high half) and out[1] (low half); its top
 * 53 bits are `hashValue`. Equal values (by `canonicalKey`) hash equal.
 */
export function hashValue64(value: Value, out: Uint32Array): void {
  switch (typeof value) {
    case 'string':
      return finish64(absorbString(value, SEED_STRING), out);
    case 'number':
      return finish64(absorbNumber(value), out);
    case 'boolean':
      return finish64(absorbBool(value), out);
    default:
      return finish64(absorbString(canonicalJson(value), SEED_JSON), out);
  }
}

/**
 * `hashValue64` of the value whose `canonicalKey` is `key` (state kept as canonical keys), without
 * rebuilding the value: the key's tag says how its text was hashed.
 */
export function hashCanonicalKey64(key: string, out: Uint32Array): void {
  const text = key.slice(1);
  switch (key.charCodeAt(0)) {
    case 0x73: // s
      return finish64(absorbString(text, SEED_STRING), out);
    case 0x6e: // n: String(x) reads back as x, also for Infinity, -Infinity and NaN
      return finish64(absorbNumber(Number(text)), out);
    case 0x74: // t
      return finish64(absorbBool(true), out);
    case 0x66: // f
      return finish64(absorbBool(false), out);
    case 0x6a: // j
      return finish64(absorbString(text, SEED_JSON), out);
    default:
      throw new Error(`not a canonical key: ${JSON.stringify(key.slice(0, 40))}`);
  }
}
