import type { Rec } from '../../../common/record.js';
import { DecodeError, type LineDecoder } from '../../../engine/contracts/decoder.js';
import { deeperThan, MAX_JSON_DEPTH } from './json-depth.js';
import { isBlank } from '../../../common/is-blank.js';

/**
 * NDJSON: each non-blank line must be one JSON object, nested at most `MAX_JSON_DEPTH` levels
 * deep (the object itself is level 1).
 */
export class JsonDecoder implements LineDecoder {
  decode(line: string): Rec | undefined {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (isBlank(line)) return undefined;
      throw new DecodeError(`invalid JSON: ${(err as Error).message}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DecodeError(`expected a JSON object, got ${describe(value)}`);
    }
    if (deeperThan(line, MAX_JSON_DEPTH)) throw new DecodeError(TOO_DEEP);
    return value as Rec;
  }
}

const TOO_DEEP = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  return typeof value === 'boolean' ? 'a boolean' : typeof value;
}
