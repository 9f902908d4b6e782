import type { Command } from 'commander';
import { AGG_FUNCS, FORMAT_NAMES, SCALAR_FUNCS } from '../dsl/vocabulary.js';
import { topicList } from './help-topics.js';

/**
 * The text after `fstream --help`: the run options (the default command's, so `fstream --help`
 * alone teaches how to run a pipeline), a short reference of the query language built from the
 * parser's own tables, and examples.
 */
export function mainHelpText(run: Command): string {
  const help = run.createHelp();
  const options = help.visibleOptions(run);
  const width = Math.max(...options.map((o) => help.optionTerm(o).length));
  const optionLines = options.map((o) => `  ${help.optionTerm(o).padEnd(width)}  ${help.optionDescription(o)}`);
  return [
    '',
    'Run options (fstream [run] [options] QUERY):',
    ...optionLines,
    '',
    'The query language: stages joined by |, read left to right.',
    `  formats       ${FORMAT_NAMES.filter((f) => f !== 'regex').join(' ')}  regex "(?<name>PATTERN)"`,
    '  where EXPR    keep records where EXPR is true',
    '  eval N = EXPR, ...        add or replace fields',
    '  select F, ... / drop F, ...',
    '  time FIELD [format "FMT"] [lag DUR] [idle DUR]',
    '  window tumbling DUR | sliding DUR every DUR | session DUR | global | count N',
    '  AGG, ... [by F, ...]      aggregate per key (and window)',
    '  emit every DUR            running results of open windows',
    '  limit N',
    `  aggregates    ${[...AGG_FUNCS.keys()].join(' ')}`,
    `  functions     ${[...SCALAR_FUNCS.keys()].join(' ')}`,
    '  operators     + - * / %  == != < <= > >=  and or not  =~ (regex)  in (a, b)',
    '  durations     250ms 10s 5m 1h 1d',
    '',
    'Examples:',
    "  tail -f access.log | fstream 'json | where status >= 500 | window tumbling 1m | count by route'",
    "  fstream --from 'logs/*.log.gz' 'nginx | where status >= 500 | count, max(bytes) by path'",
    "  fstream --from app.ndjson --time ts --lag 5s 'json | window tumbling 1m | count, p95(latency_ms) by route'",
    "  fstream -f --from '/var/log/nginx/*.log' --state .fstream 'nginx | window tumbling 10s | count by status'",
    "  fstream validate 'json | where status >= 500'",
    '',
    'More help (one line and one example per entry):',
    topicList(),
    '  source <(fstream completion bash)   completion for bash (or zsh)',
    '',
  ].join('\n');
}
