/**
 * The checker: every error in a pipeline at once. Stage order (the format first, one `time` before
 * the aggregation, `window` → aggregation → `emit`) is checked here; each stage's own values in
 * check-stage.ts.
 */
import type { Stage } from './ast.js';
import { checkStage } from './check-stage.js';
import type { DiagnosticBag } from './diagnostic.js';
import type { NodeSources } from './node-sources.js';

/**
 * @param partial some stage could not be parsed: errors about something missing (a window with
 *   no aggregation after it) are not reported, since the missing part may be the broken stage.
 */
export function checkPipeline(stages: Stage[], partial: boolean, sources: NodeSources, bag: DiagnosticBag, follow = false): void {
  let format: Stage | undefined;
  let time: Stage | undefined;
  /** A window not yet taken by an aggregation. */
  let window: Stage | undefined;
  /** The first aggregation, and the one before the current stage (each takes the window before it). */
  let aggregate: Stage | undefined;
  let last: { stage: Stage; window: Stage | undefined; emit: Stage | undefined } | undefined;
  const aggregations: NonNullable<typeof last>[] = [];
  let strayEmit: Stage | undefined;
  let pendingEmit: Stage | undefined;
  const reported = new Set<Stage>();
  const err = (stage: Stage, message: string, help: string[] = []): void => {
    reported.add(stage);
    bag.error(message, sources.of(stage), stage.span, help);
  };
  const fromOption = (stage: Stage): boolean => sources.of(stage) !== sources.main;

  stages.forEach((stage, i) => {
    checkStage(stage, sources, bag);
    switch (stage.kind) {
      case 'format':
        if (format) err(stage, 'the format is given twice', fromOption(format) ? ['`--format` already sets it'] : []);
        else if (i > 0) err(stage, 'the format must be the first stage', [`move \`${stage.format}\` to the start of the pipeline`]);
        format ??= stage;
        return;
      case 'time':
        if (time) err(stage, 'the event time is given twice', fromOption(time) ? ['`--time` already sets it'] : []);
        else if (aggregate) err(stage, '`time` must come before the aggregation');
        time ??= stage;
        return;
      case 'window':
        if (window) err(stage, 'the window is given twice');
        window ??= stage;
        return;
      case 'aggregate':
        // A second aggregation runs over the results of the first (with its own window, if any).
        last = { stage, window, emit: pendingEmit };
        aggregations.push(last);
        aggregate ??= stage;
        window = undefined;
        pendingEmit = undefined;
        return;
      case 'emit':
        // An aggregation's `emit every` comes right after it, or between its window and it.
        if (pendingEmit || (last?.emit !== undefined && stages[i - 1] === last.emit)) err(stage, '`emit` is given twice');
        else if (last && stages[i - 1] === last.stage) last.emit = stage;
        else if (window) pendingEmit = stage;
        else if (last) err(stage, '`emit` must come right after the aggregation');
        else strayEmit ??= stage;
        return;
      case 'limit':
        if (window) err(stage, '`limit` cannot stand between `window` and the aggregation');
        return;
      case 'parse':
        if (window) err(stage, `\`${stage.word}\` cannot stand between \`window\` and the aggregation`);
        return;
      case 'dedupe':
        if (window) err(stage, '`dedupe` cannot stand between `window` and the aggregation');
        else if (follow && !stage.within)
          err(stage, '`dedupe` over a followed input needs `within DUR`: without it every key would be kept forever', [
            'for example `dedupe alert_id within 10m`',
          ]);
        return;
      case 'order':
        if (window) err(stage, `\`${stage.word}\` cannot stand between \`window\` and the aggregation`);
        else if (stage.keys.length === 0 && !last)
          err(stage, '`top` needs `order by EXPR` here', [
            'after an aggregation it orders by the first aggregate, largest first; here write e.g. `top 10 order by latency_ms desc`',
          ]);
        else if (follow && !(last && (last.window || last.emit)))
          err(stage, `\`${stage.word}\` over a followed input needs a windowed aggregation before it: it waits for a window to be complete`, [
            `for example \`window tumbling 1m | count by path | ${stage.word === 'top' ? 'top 10' : 'sort count desc'}\``,
          ]);
        return;
      default:
        return;
    }
  });
  if (partial) return;
  if (window) err(window, '`window` must be followed by an aggregation', ['for example `| count by host`']);
  if (strayEmit && !reported.has(strayEmit))
    err(strayEmit, '`emit` needs an aggregation before it', ['for example `window tumbling 1h | count by host | emit every 1m`']);
  // A followed input never ends: an aggregation over all of it would never give a result.
  for (const a of aggregations) {
    if (follow && !a.window && !a.emit && !reported.has(a.stage))
      err(a.stage, 'an aggregation over a followed input needs a window or `emit every`', [
        'for example `window tumbling 1m | count by host`, or `count by host | emit every 10s`',
      ]);
  }
}
