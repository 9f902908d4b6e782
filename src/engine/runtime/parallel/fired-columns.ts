import { jsonText } from '../../../common/json-text.js';
import type { Rec, Value } from '../../../common/record.js';
import type { ResultChange } from '../../contracts/result.js';
import { keyOf } from '../../operators/key.js';

/**
 * An owner's results of one round as they cross threads, column by column (structured clone
 * costs per object, so no change object is sent): the records — or, when the output takes NDJSON
 * as it is, their text, made in the owner instead of on the main thread — their windows (NaN
 * bounds without one), key strings (by which owners' results merge, see compareKeys) and, with
 * records, their `by` values. The time of a result follows from its window (see timeOf).
 */
export interface FiredColumns {
  /** The records, or null when `lines` holds them as NDJSON (without the newline). */
  recs: Rec[] | null;
  lines: string[] | null;
  starts: Float64Array;
  ends: Float64Array;
  keys: string[];
  /** With `recs`: each result's `by` values (its change's group). */
  groups: Value[][] | null;
  /** 1 for a final result, 0 for an early one. */
  finals: Uint8Array;
}

/** One result as the coordinator merges it. */
export interface FiredResult {
  /** The record, or null when `line` holds it. */
  rec: Rec | null;
  line: string | null;
  window: { start: number; end: number } | null;
  key: string;
  group: Value[];
  final: boolean;
}

/** Collects results into columns; with `asText`, as NDJSON lines. */
export class FiredCollector {
  private recs: Rec[] = [];
  private lines: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private keys: string[] = [];
  private groups: Value[][] = [];
  private finals: number[] = [];

  constructor(private readonly asText = false) {}

  /** Results collected since the last `take`. */
  get size(): number {
    return this.keys.length;
  }

  add(rec: Rec, change: ResultChange): void {
    if (this.asText) this.lines.push(jsonText(rec));
    else {
      this.recs.push(rec);
      this.groups.push(change.group);
    }
    this.keys.push(keyOf(change.group));
    this.starts.push(change.window ? change.window.start : NaN);
    this.ends.push(change.window ? change.window.end : NaN);
    this.finals.push(change.final ? 1 : 0);
  }

  /** The columns collected since the last call. */
  take(): FiredColumns {
    const out: FiredColumns = {
      recs: this.asText ? null : this.recs,
      lines: this.asText ? this.lines : null,
      starts: Float64Array.from(this.starts),
      ends: Float64Array.from(this.ends),
      keys: this.keys,
      groups: this.asText ? null : this.groups,
      finals: Uint8Array.from(this.finals),
    };
    this.recs = [];
    this.lines = [];
    this.starts = [];
    this.ends = [];
    this.keys = [];
    this.groups = [];
    this.finals = [];
    return out;
  }
}

const NO_GROUP: Value[] = [];

/**
 * Each result of `cols` (consecutive results of one window share its window object, as they did
 * where they were made). Results sent as text carry no `by` values (`group` is empty).
 */
export function forEachFired(cols: FiredColumns, visit: (r: FiredResult) => void): void {
  let window: { start: number; end: number } | null = null;
  for (let i = 0; i < cols.keys.length; i++) {
    const start = cols.starts[i]!;
    const end = cols.ends[i]!;
    if (end !== end) window = null;
    else if (window === null || window.start !== start || window.end !== end) window = { start, end };
    visit({
      rec: cols.recs ? cols.recs[i]! : null,
      line: cols.lines ? cols.lines[i]! : null,
      window: end !== end ? null : window,
      key: cols.keys[i]!,
      group: cols.groups ? cols.groups[i]! : NO_GROUP,
      final: cols.finals[i] === 1,
    });
  }
}

/** The time of a result: its window's last millisecond, +∞ without a window. */
export function timeOf(window: { end: number } | null): number {
  return window ? window.end - 1 : Infinity;
}
