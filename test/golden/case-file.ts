import { readFileSync } from 'node:fs';

/**
 * A golden case: one `.case` file with sections.
 *
 *     === args
 *     --from $TMP/in.ndjson 'json | where x > 1'
 *     === file in.ndjson          (written to $TMP before the run)
 *     ...
 *     === stdin
 *     ...
 *     === stdout
 *     ...
 *     === stderr                  (exact, after $TMP is replaced by `$TMP`)
 *     ...
 *     === expect-file late.ndjson (a file the run must leave in $TMP, exact)
 *     ...
 *     === exit
 *     0
 *     === options
 *     unordered                   (at -p > 1 compare stdout as a multiset; default: exactly, as at -p 1)
 *     single                      (run only at -p 1, e.g. for limit before an aggregate)
 *
 * Lines starting with `#` before the first section are comments.
 */
export interface GoldenCase {
  name: string;
  args: string;
  stdin?: string;
  stdout?: string;
  stderr?: string;
  exit: number;
  inputFiles: Map<string, string>;
  expectFiles: Map<string, string>;
  options: Set<string>;
}

export function readCase(path: string, name: string): GoldenCase {
  const text = readFileSync(path, 'utf8');
  const c: GoldenCase = { name, args: '', exit: 0, inputFiles: new Map(), expectFiles: new Map(), options: new Set() };
  const parts = text.split(/^=== /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const header = (nl < 0 ? part : part.slice(0, nl)).trim();
    const body = nl < 0 ? '' : part.slice(nl + 1);
    const [kind, arg] = header.split(/\s+/, 2) as [string, string | undefined];
    switch (kind) {
      case 'args':
        c.args = body.trim();
        break;
      case 'stdin':
        c.stdin = body;
        break;
      case 'stdout':
        c.stdout = body;
        break;
      case 'stderr':
        c.stderr = body;
        break;
      case 'exit':
        c.exit = Number(body.trim());
        break;
      case 'file':
        c.inputFiles.set(arg!, body);
        break;
      case 'expect-file':
        c.expectFiles.set(arg!, body);
        break;
      case 'options':
        for (const o of body.split(/\s+/).filter(Boolean)) c.options.add(o);
        break;
      default:
        throw new Error(`${name}: unknown section === ${header}`);
    }
  }
  return c;
}
