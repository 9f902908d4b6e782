import type { Value } from '../../common/record.js';

/**
 * What a result is a version of (results as a changelog): its window (null for whole-input and
 * global or count windows) and the values of its group. A later result with the same key
 * replaces an earlier one; `final` says it is the last (early results of `emit every` are not).
 * Append-only sinks write every version as a row; a live view updates the row in place.
 * A change and its window are never modified once made (results may share a window object).
 */
export interface ResultChange {
  readonly window: { readonly start: number; readonly end: number } | null;
  group: Value[];
  final: boolean;
}
