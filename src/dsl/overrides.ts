/**
 * Command-line options that change the pipeline (`--format`, `--time`, `--time-format`, `--lag`,
 * `--idle`) applied to the stages as written. They win over the YAML file's `format` / `time`
 * keys. Each bad value is reported in a source named after its option (`<option --lag>`), so it
 * is shown with a caret like any other error.
 */
import type { Duration, FieldRef, FormatName, Stage } from './ast.js';
import type { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { DURATION_HELP, parseDuration } from '../common/time/duration.js';
import type { NodeSources } from './node-sources.js';
import { parseField } from './parse-expr.js';
import { parseWhole } from './parse-query.js';
import { exactSegment } from './segment.js';
import { makeSource, type SourceFile } from './source.js';
import { FORMAT_NAMES } from './vocabulary.js';

export interface CliOverrides {
  from?: string[];
  follow?: boolean;
  format?: string;
  time?: string;
  timeFormat?: string;
  lag?: string;
  idle?: string;
  to?: string;
  output?: string;
}

type TimeStage = Extract<Stage, { kind: 'time' }>;

export function optionSource(option: string, value: string): SourceFile {
  return makeSource(`<option ${option}>`, value);
}

function whole(src: SourceFile): { start: number; end: number } {
  return { start: 0, end: src.text.length };
}

export function formatFromOption(value: string, sources: NodeSources, bag: DiagnosticBag): Stage | null {
  const src = optionSource('--format', value);
  let stage: Stage;
  if (value.startsWith('regex:')) {
    stage = { kind: 'format', format: 'regex', pattern: value.slice(6), patternSpan: { start: 6, end: value.length }, span: whole(src) };
  } else if (value !== 'regex' && (FORMAT_NAMES as readonly string[]).includes(value)) {
    stage = { kind: 'format', format: value as FormatName, span: whole(src) };
  } else {
    const help = value === 'regex' ? ['write `--format regex:PATTERN`'] : didYouMean(value, FORMAT_NAMES);
    if (help.length === 0) help.push(`formats are: ${FORMAT_NAMES.filter((f) => f !== 'regex').join(', ')}, regex:PATTERN`);
    bag.error(`unknown format \`${value}\``, src, whole(src), help);
    return null;
  }
  sources.set(stage, src);
  return stage;
}

function durationFromOption(option: string, value: string, sources: NodeSources, bag: DiagnosticBag): Duration | null {
  const src = optionSource(option, value);
  const ms = parseDuration(value);
  if (ms === null) {
    bag.error(`invalid duration \`${value}\` for \`${option}\``, src, whole(src), [DURATION_HELP]);
    return null;
  }
  const d: Duration = { ms, span: whole(src) };
  sources.set(d, src);
  return d;
}

/**
 * The time stage made of `--time` and friends on top of `base` (the file's `time:` key), or
 * undefined when no time option was given.
 */
export function timeFromOptions(o: CliOverrides, base: TimeStage | undefined, sources: NodeSources, bag: DiagnosticBag): Stage | null | undefined {
  if (o.time === undefined && o.timeFormat === undefined && o.lag === undefined && o.idle === undefined) return undefined;
  const errorsBefore = bag.items.length;
  let stage: TimeStage;
  if (o.time !== undefined) {
    const src = optionSource('--time', o.time);
    stage = { kind: 'time', mode: 'event', span: whole(src) };
    sources.set(stage, src);
    if (o.time === 'ingestion' || o.time === 'processing') stage.mode = o.time;
    else {
      const field = parseWhole(exactSegment(src), bag, (cur) => parseField(cur, 'a field name'), 'the field name');
      if (field) {
        sources.set(field as FieldRef, src);
        stage.field = field;
      }
    }
  } else if (base && base.mode === 'event') {
    stage = { ...base };
  } else {
    const [option, value] = o.lag !== undefined ? ['--lag', o.lag] : o.idle !== undefined ? ['--idle', o.idle] : ['--time-format', o.timeFormat!];
    const src = optionSource(option, value);
    bag.error(`\`${option}\` needs \`--time\``, src, whole(src), ['give the event-time field with `--time FIELD`']);
    return null;
  }
  if (stage.mode === 'event') {
    if (o.time !== undefined && base?.mode === 'event') {
      if (base.format) stage.format = base.format;
      if (base.lag) stage.lag = base.lag;
      if (base.idle) stage.idle = base.idle;
    }
    if (o.timeFormat !== undefined) {
      const src = optionSource('--time-format', o.timeFormat);
      stage.format = { value: o.timeFormat, span: whole(src) };
      sources.set(stage.format, src);
    }
    for (const [key, option] of [
      ['lag', '--lag'],
      ['idle', '--idle'],
    ] as const) {
      const value = o[key];
      if (value === undefined) continue;
      const d = durationFromOption(option, value, sources, bag);
      if (d) stage[key] = d;
    }
  }
  return bag.items.length > errorsBefore ? null : stage;
}

/**
 * The stages in effect. `header` holds the stages that came from the YAML `format` / `time`
 * keys: an option replaces them; otherwise a format goes first and a time right after the format.
 */
export function applyOverrides(written: Stage[], header: { format?: Stage; time?: Stage }, o: CliOverrides, sources: NodeSources, bag: DiagnosticBag): Stage[] {
  let stages = [...written];
  if (o.format !== undefined) {
    const f = formatFromOption(o.format, sources, bag);
    stages = stages.filter((s) => s !== header.format);
    if (f) stages.unshift(f);
  }
  const base = header.time?.kind === 'time' ? header.time : undefined;
  const t = timeFromOptions(o, base, sources, bag);
  if (t !== undefined) {
    stages = stages.filter((s) => s !== header.time);
    if (t) stages.splice(stages[0]?.kind === 'format' ? 1 : 0, 0, t);
  }
  return stages;
}
