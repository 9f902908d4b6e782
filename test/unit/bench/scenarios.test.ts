import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// Plain-JS module outside src/: imported by URL so TypeScript does not need its types.
const SCENARIOS = pathToFileURL(fileURLToPath(new URL('../../../bench/scenarios.mjs', import.meta.url))).href;

interface Scenario {
  name: string;
  args: string[];
  query: string;
  sql: (file: string) => string;
}

describe('bench/scenarios.mjs', () => {
  it('exports the five benchmark scenarios, each with an fstream query and a DuckDB query', async () => {
    const mod = (await import(SCENARIOS)) as { scenarios: Scenario[]; scenarioNames: string[] };
    expect(mod.scenarios.map((s) => s.name)).toEqual(['filter', 'tumbling-status', 'tumbling-route', 'sliding-users', 'session-user']);
    expect(mod.scenarioNames).toEqual(mod.scenarios.map((s) => s.name));
    for (const s of mod.scenarios) {
      expect(s.query).toMatch(/^json \| /);
      expect(Array.isArray(s.args)).toBe(true);
      expect(s.sql('x.ndjson')).toContain("read_ndjson('x.ndjson'");
    }
  });
});
