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
  let window: Stage | undefined;
  let aggregate: Stage | undefined;
  let emit: Stage | undefined;
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
        if (aggregate) err(stage, 'a pipeline has one window and aggregation; this `window` comes after the aggregation');
        else if (window) err(stage, 'the window is given twice');
        window ??= stage;
        return;
      case 'aggregate':
        if (aggregate) err(stage, 'a pipeline has one aggregation; this is a second one', ['aggregate again in a second fstream process']);
        aggregate ??= stage;
        return;
      case 'emit':
        if (emit) err(stage, '`emit` is given twice');
        else if (aggregate && stages[i - 1] !== aggregate) err(stage, '`emit` must come right after the aggregation');
        else if (!aggregate && !window)
          err(stage, '`emit` needs an aggregation before it', ['for example `window tumbling 1h | count by host | emit every 1m`']);
        emit ??= stage;
        return;
      case 'limit':
        if (window && !aggregate) err(stage, '`limit` cannot stand between `window` and the aggregation');
        return;
      case 'order':
        if (window && !aggregate) err(stage, `\`${stage.word}\` cannot stand between \`window\` and the aggregation`);
        else if (stage.keys.length === 0 && !aggregate)
          err(stage, '`top` needs `order by EXPR` here', [
            'after an aggregation it orders by the first aggregate, largest first; here write e.g. `top 10 order by latency_ms desc`',
          ]);
        else if (follow && !window && !emit)
          err(stage, `\`${stage.word}\` over a followed input needs a windowed aggregation before it: it waits for a window to be complete`, [
            `for example \`window tumbling 1m | count by path | ${stage.word === 'top' ? 'top 10' : 'sort count desc'}\``,
          ]);
        return;
      default:
        return;
    }
  });
  if (partial) return;
  if (window && !aggregate) err(window, '`window` must be followed by an aggregation', ['for example `| count by host`']);
  else if (emit && !aggregate && !reported.has(emit)) err(emit, '`emit` needs an aggregation', ['for example `| count by host | emit every 10s`']);
  // A followed input never ends: an aggregation over all of it would never give a result.
  if (follow && aggregate && !window && !emit && !reported.has(aggregate))
    err(aggregate, 'an aggregation over a followed input needs a window or `emit every`', [
      'for example `window tumbling 1m | count by host`, or `count by host | emit every 10s`',
    ]);
}
