import type { Plan } from '../../dsl/plan-types.js';
import { passthroughFields } from '../../engine/runtime/passthrough.js';
import type { Decoding } from '../../engine/runtime/processor.js';
import { byteDecoderFactory, decoderFactory } from './decoder-factory.js';

/**
 * How a plan's lines are decoded: the format's decoder, plus projection push-down from the
 * bytes where the plan reads a known set of json fields, and pass-through for a pure filter
 * when the output is NDJSON.
 */
export function decodingFor(plan: Plan, ndjsonOut: boolean): Decoding {
  const filterFields = ndjsonOut ? passthroughFields(plan) : null;
  const fields = filterFields ?? plan.fieldsRead;
  return {
    makeDecoder: decoderFactory(plan.format, fields),
    makeByteDecoder: byteDecoderFactory(plan.format, fields),
    passthrough: filterFields !== null,
  };
}
