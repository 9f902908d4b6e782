import type { Rec, Value } from '../../../src/common/record.js';
import { DecodeError } from '../../../src/engine/contracts/decoder.js';
import { JsonDecoder } from '../../../src/io/formats/json-scan/json-decoder.js';
import { createJsonProjector } from '../../../src/io/formats/json-scan/index.js';

/** What a decode did: a result (record or undefined) or a DecodeError message. */
export type Outcome = { ok: Rec | undefined } | { error: string };

/** Bytes placed around the line so a scanner that reads past `end` (or before `start`) shows. */
const PAD_BEFORE = Buffer.from('"{[\\ ');
const PAD_AFTER = Buffer.from('"}],1 ');

/** Runs the projector on `line` (a string or raw bytes) inside a bigger buffer, at `shift` extra bytes. */
export function project(fields: string[], line: string | Buffer, shift = 0): Rec | undefined {
  const bytes = typeof line === 'string' ? Buffer.from(line) : line;
  const before = Buffer.concat([Buffer.alloc(shift, 0x61), PAD_BEFORE]);
  const buf = Buffer.concat([before, bytes, PAD_AFTER]);
  return createJsonProjector(fields).decode(buf, before.length, before.length + bytes.length);
}

export function outcome(run: () => Rec | undefined): Outcome {
  try {
    return { ok: run() };
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
    return { error: err.message };
  }
}

/**
 * The reference: `JsonDecoder` on the line's UTF-8 bytes decoded again (so a lone surrogate in a
 * test string reads as U+FFFD, as it would from a file), then the requested fields picked.
 */
export function reference(fields: string[], line: string | Buffer): Rec | undefined {
  const text = (typeof line === 'string' ? Buffer.from(line) : line).toString('utf8');
  const full = new JsonDecoder().decode(text);
  return full === undefined ? undefined : pick(full, fields);
}

export function pick(full: Rec, fields: readonly string[]): Rec {
  const rec: Rec = {};
  for (const key of Object.keys(full)) {
    if (fields.includes(key)) {
      Object.defineProperty(rec, key, { value: full[key], writable: true, enumerable: true, configurable: true });
    }
  }
  return rec;
}

/** Deep equality that also tells -0 from 0 and checks key order. */
export function same(a: Value | undefined, b: Value | undefined): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, j) => k !== kb[j])) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  return ka.every((k) => same((a as Record<string, Value>)[k], (b as Record<string, Value>)[k]));
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if ('error' in a || 'error' in b) return 'error' in a && 'error' in b && a.error === b.error;
  return same(a.ok, b.ok);
}
