import { describe, expect, it } from 'vitest';
import { compileQuery } from '../../../src/dsl/index.js';
import type { PipelineError } from '../../../src/dsl/pipeline-error.js';
import { AGG_FUNCS, SCALAR_FUNCS, STAGE_DOCS, WINDOW_KINDS } from '../../../src/dsl/vocabulary.js';
import { directiveDocs } from '../../../src/common/time/directives.js';
import { formatStrftime } from '../../../src/common/time/strftime.js';
import { HELP_TOPICS, helpTopic } from '../../../src/commands/help-topics.js';

/** The help's examples are pipelines a user may paste: each one must compile. */
const compiles = (query: string): void => {
  expect(() => compileQuery(query, {}), query).not.toThrow();
};

describe('help tables', () => {
  it('every function example compiles inside `where` and every aggregate example as a stage', () => {
    for (const f of SCALAR_FUNCS.values()) compiles(`json | where ${f.example}`);
    for (const a of AGG_FUNCS.values()) compiles(`json | ${a.example}`);
  });

  it('every stage and window example compiles', () => {
    for (const d of STAGE_DOCS) compiles(d.example);
    for (const w of WINDOW_KINDS.values()) compiles(w.example);
  });

  it('a misspelt window kind is answered from the same table', () => {
    let help: string[] = [];
    try {
      compileQuery('json | window tumblin 1m | count', {});
    } catch (err) {
      help = (err as PipelineError).diagnostics.flatMap((d) => d.help ?? []);
    }
    expect(help).toContain('did you mean `tumbling`?');
  });

  it('each aggregate example uses its own function, with an accepted number of arguments', () => {
    for (const [name, f] of AGG_FUNCS) expect(f.example.startsWith(name), name).toBe(true);
    for (const [name, f] of SCALAR_FUNCS) expect(f.example, name).toContain(`${name}(`);
  });

  it('every time-format directive is documented, and the writing examples are what strftime writes', () => {
    const at = Date.parse('2026-03-01T09:05:07.042Z');
    for (const d of directiveDocs()) {
      expect(d.meaning, `%${d.letter}`).not.toBe('');
      if (d.write) expect(formatStrftime(at, `%${d.letter}`), `%${d.letter}`).toBe(d.example);
    }
  });

  it('every topic prints every entry of its table', () => {
    const functions = helpTopic('functions');
    for (const name of SCALAR_FUNCS.keys()) expect(functions).toContain(`  ${name}(`);
    const aggregates = helpTopic('aggregates');
    for (const name of AGG_FUNCS.keys()) expect(aggregates).toContain(`  ${name}(`);
    const windows = helpTopic('windows');
    for (const w of WINDOW_KINDS.values()) expect(windows).toContain(w.syntax);
    for (const topic of HELP_TOPICS.keys()) expect(helpTopic(topic).length).toBeGreaterThan(100);
  });
});
