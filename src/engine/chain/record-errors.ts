import { RuntimeError } from '../../common/errors.js';
import { jsonText } from '../../common/json-text.js';
import type { Value } from '../../common/record.js';
import type { Step } from '../../plan/types.js';
import type { DeadLetter } from '../contracts/dead-letter.js';

const RAW_LIMIT = 4096;
/** Characters of a value quoted in an error message: the dead letter's `raw` has it whole. */
const QUOTE_LIMIT = 100;

/** A value as JSON text for an error message, cut with `…` past QUOTE_LIMIT characters. */
export function quoted(v: Value): string {
  const text = jsonText(v);
  return text.length > QUOTE_LIMIT ? text.slice(0, QUOTE_LIMIT) + '…' : text;
}

/** A bad record of `source` at `line`: `raw` cut to 4 KiB (then `truncated`). */
export function deadLetter(source: string, line: number, error: string, raw: string, truncated = false): DeadLetter {
  const cut = raw.length > RAW_LIMIT;
  const d: DeadLetter = { source, line, error, raw: cut ? raw.slice(0, RAW_LIMIT) : raw };
  if (cut || truncated) d.truncated = true;
  return d;
}

/** An unexpected exception in a step: which stage, where it was written, which input line. */
export function stepError(err: unknown, step: Step | undefined, format: string, source: string, lineNo: number): RuntimeError {
  const message = err instanceof Error ? err.message : String(err);
  const where = step?.origin ? ` (${step.origin.source}:${step.origin.line}:${step.origin.col})` : '';
  const what = step ? `stage \`${step.op}\`${where}` : `decoding ${format}`;
  return new RuntimeError(`${what} failed on ${source}:${lineNo}: ${message}`, { cause: err });
}
