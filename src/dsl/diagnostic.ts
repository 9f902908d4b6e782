import type { SourceFile, Span } from './source.js';

/**
 * A problem found in a pipeline, located in its source. Rendered like a compiler's error:
 *
 *     error: unknown stage `wher`
 *      --> <query>:1:8
 *       |
 *     1 | json | wher status > 5
 *       |        ^^^^
 *       = help: did you mean `where`?
 */
export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  source?: SourceFile;
  span?: Span;
  /** Extra lines printed as `help: ...` (did-you-mean, the accepted forms, ...). */
  help: string[];
}

export function error(message: string, source: SourceFile | undefined, span: Span | undefined, help: string[] = []): Diagnostic {
  return { severity: 'error', message, source, span, help };
}

/** Collects diagnostics so that a checker can report every error at once. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  private readonly spots = new Map<SourceFile, Set<number>>();

  add(d: Diagnostic): void {
    this.items.push(d);
    if (d.source && d.span) {
      let starts = this.spots.get(d.source);
      if (!starts) this.spots.set(d.source, (starts = new Set()));
      starts.add(d.span.start);
    }
  }

  /** Whether a diagnostic already starts at `start` in `source` (in O(1)). */
  hasAt(source: SourceFile, start: number): boolean {
    return this.spots.get(source)?.has(start) ?? false;
  }

  error(message: string, source: SourceFile | undefined, span: Span | undefined, help: string[] = []): void {
    this.add(error(message, source, span, help));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}
