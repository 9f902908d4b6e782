import { fieldsRead } from '../../plan/fields-read.js';
import type { Plan } from '../../plan/types.js';
import { passthroughFields } from '../../plan/passthrough.js';
import type { Decoding } from '../../engine/contracts/decoding.js';
import { byteDecoderFactory, decoderFactory, headerKind, headerRowOf } from './decoder-factory.js';
import type { ProjectorOptions } from './json-scan/index.js';

/**
 * How a plan's lines are decoded: the format's decoder, plus projection push-down from the
 * bytes where the plan reads a known set of json fields, pass-through for a pure filter when the
 * output is NDJSON, and the event time read from the bytes when the plan reads it first.
 * `ndjsonOut`: the sink takes NDJSON text; `lateOut`: late records are written (`--late`), whole:
 * their lines are kept and decoded again in full (see `Decoding.lateRecord`).
 */
export function decodingFor(plan: Plan, { ndjsonOut, lateOut }: { ndjsonOut: boolean; lateOut: boolean }): Decoding {
  const filterFields = ndjsonOut ? passthroughFields(plan) : null;
  const passthrough = filterFields !== null;
  const fields = filterFields ?? plan.fieldsRead;
  const time = fields === null ? null : timeFromBytes(plan, passthrough);
  const makeByteDecoder = byteDecoderFactory(plan.format, fields, time ?? {});
  return {
    makeDecoder: decoderFactory(plan.format, fields),
    makeByteDecoder,
    passthrough,
    timeFromBytes: time !== null && makeByteDecoder !== null,
    lateRecord: lateOut ? lateRecordRenderer(plan) : null,
    headerRow: headerRowFinder(plan),
  };
}

/**
 * A late event as it was read (SPEC §5: "written to --late whole, every field as read"): an
 * NDJSON line is written as it is; a line of another format is decoded in full (whatever the plan
 * projects) and written as JSON. `header` is its split's header row (csv/tsv).
 */
function lateRecordRenderer(plan: Plan): (line: string, header: string | undefined) => string {
  if (plan.format.kind === 'json') return (line) => line;
  const full = decoderFactory(plan.format, null);
  return (line, header) => {
    try {
      return JSON.stringify(full(header).decode(line) ?? {});
    } catch {
      return JSON.stringify({ line });
    }
  };
}

/**
 * Projector options for reading the event time from the bytes: only when the time step comes
 * first (nothing before it can change the field), the field is top-level and no time format is
 * given. The field's string is still made when a later step reads it.
 */
function timeFromBytes(plan: Plan, passthrough: boolean): ProjectorOptions | null {
  const t = plan.time;
  if (t.kind !== 'event' || (t.format ?? '') !== '' || t.field.length !== 1) return null;
  if (plan.steps[0]?.op !== 'timestamp') return null;
  const field = t.field[0]!;
  const rest = plan.steps.slice(1);
  // A pass-through filter writes the line itself: its records are never output.
  const others = fieldsRead(passthrough ? [...rest, { op: 'select', fields: [] }] : rest);
  return { timeField: field, keepTime: others === null || others.includes(field) };
}

function headerRowFinder(plan: Plan): Decoding['headerRow'] {
  const kind = headerKind(plan.format);
  return kind === null ? undefined : (data, firstLine) => headerRowOf(kind, data, firstLine);
}
