import { UsageError } from '../common/errors.js';
import type { Stage } from './ast.js';
import { didYouMean } from './did-you-mean.js';

/** A stage to tap: its number as written (1 = the format) or its name (`where`, `where:2`). */
export interface TapSpec {
  stage: string;
  /** Records shown before the run stops; null: no limit. */
  limit: number | null;
}

/**
 * The pipeline cut after the tapped stage, and stopped after `limit` records: what comes out of
 * that stage. A stage is named by its number (`fstream tap 2`), its kind (`where`, `eval`, `window`,
 * `aggregate`; the format by its name, e.g. `json`), or kind and occurrence (`where:2`).
 */
export function tapStages(stages: Stage[], tap: TapSpec): Stage[] {
  const at = findStage(stages, tap.stage);
  // A window stage only groups what comes next: the records out of it are those that go in.
  const cut = stages.slice(0, stages[at]!.kind === 'window' ? at : at + 1);
  if (tap.limit === null) return cut;
  const last = cut[cut.length - 1]!;
  return [...cut, { kind: 'limit', n: tap.limit, nSpan: last.span, span: last.span }];
}

function nameOf(stage: Stage): string {
  return stage.kind === 'format' ? stage.format : stage.kind;
}

function findStage(stages: Stage[], selector: string): number {
  const listing = stages.map((s, i) => `${i + 1} ${nameOf(s)}`).join(', ');
  if (/^\d+$/.test(selector)) {
    const n = Number(selector);
    if (n >= 1 && n <= stages.length) return n - 1;
    throw new UsageError(`the pipeline has no stage ${selector}`, [`its stages: ${listing}`]);
  }
  const m = /^([a-z_]+)(?::(\d+))?$/.exec(selector);
  const name = m?.[1] ?? selector;
  const nth = Number(m?.[2] ?? '1');
  const matches = stages.flatMap((s, i) => (nameOf(s) === name ? [i] : []));
  if (matches.length >= nth && nth >= 1) return matches[nth - 1]!;
  const help = matches.length > 0 ? [`there ${matches.length === 1 ? 'is one' : `are ${matches.length}`}`] : didYouMean(name, stages.map(nameOf));
  throw new UsageError(`the pipeline has no stage \`${selector}\``, [...help, `its stages: ${listing}`]);
}
